package io.patchflow.advisory.assessment;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Folds one assessment's staged findings into {@code adv_finding} with three set-based statements: a count of the
 * findings that were already open, one {@code MERGE} (new findings inserted; seen ones get last_seen, status,
 * priority and SLA; resolved ones seen again are reopened), and one {@code UPDATE} that resolves every open finding
 * the assessment did not see. {@code assessment_id} names the assessment that saw a finding last.
 */
@Repository
class FindingMerge {

    /** Counts of one merge. */
    record Outcome(int newFindings, int stillOpen, int resolved) {
    }

    private static final String SAME_FINDING = "f.host = s.host AND f.ecosystem = s.ecosystem "
            + "AND f.package_name = s.package_name AND f.installed_version = s.installed_version "
            + "AND f.advisory_id = s.advisory_id";

    /** The day the SLA runs from: unchanged while the finding stays open, the assessment's day when it (re)opens. */
    private static final String OPENED_ON = "(CASE WHEN f.resolved_at IS NULL THEN f.opened_on ELSE CAST(? AS DATE) END)";

    private final JdbcTemplate jdbc;

    FindingMerge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Outcome merge(long assessmentId, Instant at, long staged) {
        Timestamp now = Timestamp.from(at);
        Date today = Date.valueOf(LocalDate.ofInstant(at, ZoneOffset.UTC));
        Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM adv_finding f JOIN adv_finding_stage s ON "
                + SAME_FINDING + " WHERE s.assessment_id = ? AND f.resolved_at IS NULL", Integer.class, assessmentId);
        int stillOpen = open == null ? 0 : open;
        jdbc.update("MERGE INTO adv_finding f USING (SELECT * FROM adv_finding_stage WHERE assessment_id = ?) s ON "
                + SAME_FINDING
                + " WHEN MATCHED THEN UPDATE SET assessment_id = ?, last_seen = ?,"
                + " opened_assessment_id = CASE WHEN f.resolved_at IS NULL THEN f.opened_assessment_id ELSE ? END,"
                + " opened_at = CASE WHEN f.resolved_at IS NULL THEN f.opened_at ELSE ? END,"
                + " opened_on = " + OPENED_ON + ","
                + " fix_assessment_id = CASE WHEN s.status = 'FIX_AVAILABLE' AND (f.resolved_at IS NOT NULL"
                + " OR f.status <> 'FIX_AVAILABLE') THEN ? ELSE f.fix_assessment_id END,"
                + " fixed_version = s.fixed_version, status = s.status, reason = s.reason, priority = s.priority,"
                + " sla_days = s.sla_days, policy_reason = s.policy_reason, in_kev = s.in_kev, kev_due = s.kev_due,"
                + " sla_due = CASE WHEN s.kev_due IS NOT NULL AND s.kev_due < " + OPENED_ON + " + s.sla_days"
                + " THEN s.kev_due ELSE " + OPENED_ON + " + s.sla_days END,"
                + " resolved_at = NULL, resolved_assessment_id = NULL"
                + " WHEN NOT MATCHED THEN INSERT (assessment_id, first_assessment_id, opened_assessment_id,"
                + " fix_assessment_id, host, ecosystem, package_name, installed_version, advisory_id, fixed_version,"
                + " status, reason, priority, sla_days, policy_reason, in_kev, kev_due, sla_due, first_seen,"
                + " last_seen, opened_at, opened_on)"
                + " VALUES (?, ?, ?, CASE WHEN s.status = 'FIX_AVAILABLE' THEN ? END, s.host, s.ecosystem,"
                + " s.package_name, s.installed_version, s.advisory_id, s.fixed_version, s.status, s.reason,"
                + " s.priority, s.sla_days, s.policy_reason, s.in_kev, s.kev_due,"
                + " CASE WHEN s.kev_due IS NOT NULL AND s.kev_due < CAST(? AS DATE) + s.sla_days THEN s.kev_due"
                + " ELSE CAST(? AS DATE) + s.sla_days END, ?, ?, ?, CAST(? AS DATE))",
                assessmentId, assessmentId, now, assessmentId, now, today, assessmentId, today, today,
                assessmentId, assessmentId, assessmentId, assessmentId, today, today, now, now, now, today);
        int resolved = jdbc.update("UPDATE adv_finding SET resolved_at = ?, resolved_assessment_id = ? "
                + "WHERE resolved_at IS NULL AND assessment_id <> ?", now, assessmentId, assessmentId);
        return new Outcome((int) (staged - stillOpen), stillOpen, resolved);
    }
}
