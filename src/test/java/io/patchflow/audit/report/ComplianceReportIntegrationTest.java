package io.patchflow.audit.report;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The compliance report against a small history whose figures were worked out by hand (below, next to the data).
 * The history lives on hosts of its own prefix, so the report can be limited to it in a shared database.
 */
class ComplianceReportIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail trail;

    private final String prefix = "rpt" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private long assessment;

    @BeforeEach
    void assessment() {
        jdbc.sql("INSERT INTO adv_assessment (started_at, duration_millis, hosts, packages, findings) "
                + "VALUES (:at, 1, 1, 1, 1)").param("at", utc("2026-01-01T00:00:00Z")).update();
        assessment = jdbc.sql("SELECT MAX(id) FROM adv_assessment").query(Long.class).single();
    }

    /*
     * Seen at 2026-03-31T12:00Z (today = 2026-03-31):
     * F1 P1 opened 01-01 resolved 01-03 (2 d), SLA 01-08 met, KEV due 01-22 met
     * F2 P1 opened 01-01 resolved 01-11 12:00 (10.5 d), SLA 01-08 missed, KEV due 01-10 missed
     * F3 P1 opened 03-01, open (30.5 d), SLA 03-08 passed: requiring, missed, overdue by 23 days
     * F4 P2 opened 02-01 resolved 02-15 (14 d), SLA 03-03 met
     * F5 P2 opened 03-21 12:00, open (10 d), SLA 04-20 not yet due
     * F6 P3 opened 04-10: after the moment looked at, not counted
     * F7 P2 opened 03-01 12:00, resolved 04-05 (after): open at the time (30 d), SLA 03-31 not yet passed
     * P1: mean time to patch (2 + 10.5) / 2 = 6.25 -> 6.3; unpatched 30.5; SLA 1 of 3 = 0.3333
     * P2: mean time to patch 14.0; unpatched (10 + 30) / 2 = 20.0; SLA 1 of 1 = 1.0
     * All: SLA 2 of 4 = 0.5; KEV 1 of 2 = 0.5; overdue: F3 only
     */
    @Test
    void findingFiguresMatchTheHandComputedHistory() throws Exception {
        finding("f1", "P1", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-08", "2026-01-22");
        finding("f2", "P1", "2026-01-01T00:00:00Z", "2026-01-11T12:00:00Z", "2026-01-08", "2026-01-10");
        finding("f3", "P1", "2026-03-01T00:00:00Z", null, "2026-03-08", null);
        finding("f4", "P2", "2026-02-01T00:00:00Z", "2026-02-15T00:00:00Z", "2026-03-03", null);
        finding("f5", "P2", "2026-03-21T12:00:00Z", null, "2026-04-20", null);
        finding("f6", "P3", "2026-04-10T00:00:00Z", null, "2026-05-10", null);
        finding("f7", "P2", "2026-03-01T12:00:00Z", "2026-04-05T00:00:00Z", "2026-03-31", null);

        mvc.perform(get("/api/v1/reports/compliance").param("host", prefix).param("asOf", "2026-03-31T12:00:00Z")
                        .with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.byPriority[*].priority", contains("P1", "P2")))
                .andExpect(jsonPath("$.byPriority[0].patched").value(2))
                .andExpect(jsonPath("$.byPriority[0].meanTimeToPatchDays").value(6.3))
                .andExpect(jsonPath("$.byPriority[0].unpatched").value(1))
                .andExpect(jsonPath("$.byPriority[0].averageUnpatchedDays").value(30.5))
                .andExpect(jsonPath("$.byPriority[0].sla.requiring").value(3))
                .andExpect(jsonPath("$.byPriority[0].sla.compliant").value(1))
                .andExpect(jsonPath("$.byPriority[0].sla.rate").value(0.3333))
                .andExpect(jsonPath("$.byPriority[1].meanTimeToPatchDays").value(14.0))
                .andExpect(jsonPath("$.byPriority[1].unpatched").value(2))
                .andExpect(jsonPath("$.byPriority[1].averageUnpatchedDays").value(20.0))
                .andExpect(jsonPath("$.byPriority[1].sla.rate").value(1.0))
                .andExpect(jsonPath("$.sla.requiring").value(4))
                .andExpect(jsonPath("$.sla.rate").value(0.5))
                .andExpect(jsonPath("$.kev.requiring").value(2))
                .andExpect(jsonPath("$.kev.compliant").value(1))
                .andExpect(jsonPath("$.overdueFindings", hasSize(1)))
                .andExpect(jsonPath("$.overdueFindings[0].host").value(prefix + "f3"))
                .andExpect(jsonPath("$.overdueFindings[0].daysOverdue").value(23));
    }

    /*
     * Four changes on the prefix's hosts: C1 normal, approved then rolled out (fine); C2 emergency rolled out to
     * production without review (listed); C3 emergency rolled out and reviewed (fine); C4 approved only after its
     * production rollout began (listed); C5 emergency only in the test stage (not implemented, not listed).
     * Acceptances: one open for 30 more days, one expired yesterday (not listed).
     */
    @Test
    void lateApprovalsMissingReviewsAndOpenAcceptancesAreListed() throws Exception {
        String c1 = change("normal");
        String c2 = change("emergency");
        String c3 = change("emergency");
        String c4 = change("normal");
        String c5 = change("emergency");
        decide(c1, "approval.vote", "carol", null);
        decide(c1, "rollout.planned", "system", "production");
        decide(c2, "approval.vote", "erin", null);
        decide(c2, "rollout.planned", "system", "production");
        decide(c3, "approval.vote", "erin", null);
        decide(c3, "rollout.planned", "system", "production");
        decide(c3, "closure.review", "erin", null);
        decide(c4, "rollout.planned", "system", "test");
        decide(c4, "rollout.planned", "system", "production");
        decide(c4, "approval.vote", "dave", null);
        decide(c5, "rollout.planned", "system", "test");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        accept(c2, today.plusDays(30));
        accept(c3, today.minusDays(1));

        mvc.perform(get("/api/v1/reports/compliance").param("host", prefix).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.approvalsAfterImplementation[*].changeId", contains(c4)))
                .andExpect(jsonPath("$.approvalsAfterImplementation[0].actor").value("dave"))
                .andExpect(jsonPath("$.emergencyChangesWithoutReview[*].changeId", contains(c2)))
                .andExpect(jsonPath("$.openRiskAcceptances[*].changeId", contains(c2)))
                .andExpect(jsonPath("$.openRiskAcceptances[0].daysLeft").value(30))
                .andExpect(jsonPath("$.openRiskAcceptances[0].hosts", containsInAnyOrder(prefix + "web", "other-host")));
    }

    @Test
    void reportsAreForComplianceOfficersAndAdminsOnly() throws Exception {
        mvc.perform(get("/api/v1/reports/compliance").with(user("alice").roles("patch-operators")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/reports/compliance").param("host", prefix)
                        .with(user("admin").roles("patchflow-admins")))
                .andExpect(status().isOk());
    }

    @Test
    void anUnreadableMomentIsAProblemNamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/reports/compliance").param("asOf", "end of quarter").with(officer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("asOf"));
    }

    private void finding(String host, String priority, String opened, String resolved, String slaDue,
            String kevDue) {
        jdbc.sql("INSERT INTO adv_finding (assessment_id, host, ecosystem, package_name, installed_version, "
                + "advisory_id, status, first_assessment_id, first_seen, last_seen, opened_assessment_id, opened_at, "
                + "opened_on, resolved_at, priority, sla_due, in_kev, kev_due) VALUES (:a, :host, 'Debian:12', "
                + "'openssl', '3.0.1', 'DSA-1', 'FIX_AVAILABLE', :a, :opened, :opened, :a, :opened, :openedOn, "
                + ":resolved, :priority, :slaDue, :kev, :kevDue)")
                .param("a", assessment)
                .param("host", prefix + host)
                .param("opened", utc(opened))
                .param("openedOn", LocalDate.parse(opened.substring(0, 10)))
                .param("resolved", resolved == null ? null : utc(resolved))
                .param("priority", priority)
                .param("slaDue", LocalDate.parse(slaDue))
                .param("kev", kevDue != null)
                .param("kevDue", kevDue == null ? null : LocalDate.parse(kevDue))
                .update();
    }

    private String change(String type) {
        String id = "CHG-R" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO chg_change (id, seq, title, requested_by, state, stage, patch_kind, reboot_required, "
                + "vendor_trusted, priority, change_type, created_at, updated_at) VALUES (:id, :seq, 'Report test', "
                + "'alice', 'CLOSED', 'closed', 'security', false, true, 'P1', :type, :now, :now)")
                .param("id", id)
                .param("seq", ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE))
                .param("type", type)
                .param("now", now)
                .update();
        jdbc.sql("INSERT INTO chg_change_target (change_id, host_name, package_name, installed_version, "
                + "fixed_version, advisory_id) VALUES (:id, :host, 'openssl', '3.0.1', '3.0.2', 'DSA-1')")
                .param("id", id).param("host", prefix + "web").update();
        return id;
    }

    private void decide(String change, String kind, String actor, String stage) {
        trail.record(new AuditRecord(change, kind, actor, kind, null,
                stage == null ? Map.of() : Map.of("stage", stage), Map.of()));
    }

    private void accept(String change, LocalDate expiresOn) {
        jdbc.sql("INSERT INTO chg_risk_acceptance (change_id, accepted_by, justification, accepted_at, expires_on, "
                + "hosts) VALUES (:id, 'erin', 'Compensating control: WAF rule', :at, :expires, :hosts)")
                .param("id", change)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1))
                .param("expires", expiresOn)
                .param("hosts", "other-host," + prefix + "web")
                .update();
    }

    private static OffsetDateTime utc(String instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor officer() {
        return user("frank").roles("compliance-officers");
    }
}
