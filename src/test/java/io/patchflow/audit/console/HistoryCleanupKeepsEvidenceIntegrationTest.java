package io.patchflow.audit.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Camunda's history clean-up (removal-time based, run here at once instead of in its night window) removes a
 * finished change's process history and job log only once its removal time has passed, which is the end of the
 * change plus the audit retention; Patchflow's own records of the change (audit trail, change record, rollout
 * results, evidence packs) are never touched by it.
 */
class HistoryCleanupKeepsEvidenceIntegrationTest extends PostgresIntegrationTest {

    private static final int RETENTION_DAYS = 2555;
    private static final byte[] DEMO_EXPORT_KEY =
            "demo-only-export-hmac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    /** Camunda history tables whose rows carry the root process instance, and so the removal time. */
    private static final List<String> HISTORY_TABLES = List.of("act_hi_procinst", "act_hi_actinst",
            "act_hi_job_log", "act_hi_varinst", "act_hi_detail", "act_hi_dec_in", "act_hi_op_log");

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;

    @Test
    void historyCleanupRemovesOnlyHistoryPastTheRetentionAndNeverTheAuditTrail() throws Exception {
        String kept = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8)).closedChange();
        String expired = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8)).closedChange();
        HistoricProcessInstance keptRoot = root(kept);
        HistoricProcessInstance expiredRoot = root(expired);

        // The configured time-to-live reached the finished change, job log included: end + retention (calendar days
        // in the engine's time zone, so a daylight saving change may move it by an hour).
        Instant keptRemoval = keptRoot.getEndTime().toInstant().plus(RETENTION_DAYS, ChronoUnit.DAYS);
        assertThat(keptRoot.getRemovalTime().toInstant()).isCloseTo(keptRemoval, within(1, ChronoUnit.HOURS));
        assertThat(earliestRemovalTime("act_hi_job_log", keptRoot.getId()))
                .isCloseTo(keptRemoval, within(1, ChronoUnit.HOURS));
        Map<String, Long> keptRowsBefore = historyRows(keptRoot.getId());
        assertThat(keptRowsBefore.get("act_hi_job_log")).isPositive();
        assertThat(historyRows(expiredRoot.getId()).get("act_hi_actinst")).isPositive();
        List<AuditEntry> expiredDecisions = trail.forChange(expired);
        assertThat(expiredDecisions).extracting(AuditEntry::kind).contains("change.requested", "change.sealed");

        // The second change as it stands once its retention has run out (seven years after it ended).
        expireHistoryOf(expiredRoot.getId());
        runHistoryCleanupUntilRemoved(expiredRoot.getId());

        assertThat(historyRows(expiredRoot.getId())).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(historyRows(keptRoot.getId())).isEqualTo(keptRowsBefore);
        assertThat(root(kept).getRemovalTime()).isEqualTo(keptRoot.getRemovalTime());

        // Patchflow's own records of the removed change are all still there and still verify.
        assertThat(trail.verify().valid()).isTrue();
        assertThat(trail.forChange(expired)).isEqualTo(expiredDecisions);
        mvc.perform(get("/api/v1/reports/changes/{id}", expired).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.change.state").value("CLOSED"))
                .andExpect(jsonPath("$.decisions.length()").value(expiredDecisions.size()))
                .andExpect(jsonPath("$.rollout.length()").value(5))
                .andExpect(jsonPath("$.diagrams.length()").value(0));
        byte[] pack = mvc.perform(get("/api/v1/audit/export").param("changeId", expired).param("format", "json")
                        .with(officer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        PackVerification packCheck = EvidencePacks.verify(pack, DEMO_EXPORT_KEY, null);
        assertThat(packCheck.valid()).as(packCheck.toString()).isTrue();
        assertThat(packCheck.entries()).isEqualTo(expiredDecisions.size());
    }

    private HistoricProcessInstance root(String changeId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(changeId)
                .rootProcessInstances().singleResult();
    }

    /** Sets the removal time of the whole hierarchy (the called rollouts too) to yesterday, and waits for the batch. */
    private void expireHistoryOf(String rootId) throws InterruptedException {
        history.setRemovalTimeToHistoricProcessInstances()
                .absoluteRemovalTime(Date.from(Instant.now().minus(1, ChronoUnit.DAYS)))
                .byIds(rootId).hierarchical().executeAsync();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (laterRemovalTimes(rootId) > 0) {
            assertThat(Instant.now()).as("removal time set within 60 s").isBefore(deadline);
            Thread.sleep(250);
        }
    }

    /** Forces a clean-up run now (outside the night window) and runs its job; the job executor may get there first. */
    private void runHistoryCleanupUntilRemoved(String rootId) throws InterruptedException {
        Job cleanup = history.cleanUpHistoryAsync(true);
        try {
            management.executeJob(cleanup.getId());
        } catch (OptimisticLockingException ranByTheJobExecutorMeanwhile) {
            // Same job, same work: the other run's result is checked below.
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (historyRows(rootId).get("act_hi_procinst") > 0) {
            assertThat(Instant.now()).as("history removed within 60 s").isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private Map<String, Long> historyRows(String rootId) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : HISTORY_TABLES) {
            rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE root_proc_inst_id_ = :root")
                    .param("root", rootId).query(Long.class).single());
        }
        return rows;
    }

    private long laterRemovalTimes(String rootId) {
        long later = 0;
        for (String table : HISTORY_TABLES) {
            later += jdbc.sql("SELECT count(*) FROM " + table + " WHERE root_proc_inst_id_ = :root "
                    + "AND (removal_time_ IS NULL OR removal_time_ > now())")
                    .param("root", rootId).query(Long.class).single();
        }
        return later;
    }

    private Instant earliestRemovalTime(String table, String rootId) {
        return jdbc.sql("SELECT min(removal_time_) FROM " + table + " WHERE root_proc_inst_id_ = :root")
                .param("root", rootId).query(Timestamp.class).single().toInstant();
    }

    private static RequestPostProcessor officer() {
        return user("frank").roles("compliance-officers");
    }
}
