package io.patchflow.change.schema;

import java.util.List;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Representative rows an earlier schema may hold, written as that schema's version allowed them (a row of a table
 * whose columns changed has one form per schema), and how to find each again after the upgrade. Together they make
 * a small but connected estate: a host with a package, an advisory matched into a finding, a change on it with a
 * vote, a rollout, a ticket, audit entries with a sealed checkpoint, a scan, a feed load, a proposal and a queued
 * ticket update. Works unchanged on PostgreSQL and H2.
 */
record UpgradeSeed(String since, String until, String table, String values, String key) {

    private static final String NOW = "CURRENT_TIMESTAMP";
    /** The seeded finding, with the history V1_9 derives (or the later form states) filled in. */
    private static final String FINDING_WITH_HISTORY = "id = 1001 AND first_assessment_id = 1001 "
            + "AND opened_assessment_id = 1001 AND first_seen IS NOT NULL AND last_seen IS NOT NULL "
            + "AND opened_on IS NOT NULL AND in_kev = FALSE";

    /** Whether a schema at {@code version} can hold this row in this form: since &lt;= version &lt; until. */
    boolean fits(MigrationVersion version) {
        boolean fromSince = version.compareTo(MigrationVersion.fromVersion(since)) >= 0;
        boolean beforeUntil = until == null || version.compareTo(MigrationVersion.fromVersion(until)) < 0;
        return fromSince && beforeUntil;
    }

    String insert() {
        return "INSERT INTO " + table + " " + values;
    }

    /** Counts the row after the upgrade: 1 when it survived (with what the migrations added to it). */
    String survivalQuery() {
        return "SELECT COUNT(*) FROM " + table + " WHERE " + key;
    }

    static final List<UpgradeSeed> ROWS = List.of(
            row("1.1", "inv_host", "(id, name, os, environment, criticality, internet_facing, created_at, updated_at) "
                    + "VALUES (1001, 'upgrade-web-1', 'Debian:12', 'prod', 'high', TRUE, " + NOW + ", " + NOW + ")",
                    "id = 1001 AND name = 'upgrade-web-1' AND criticality = 'high'"),
            row("1.1", "inv_host_group", "(host_id, group_name) VALUES (1001, 'web')", "host_id = 1001"),
            row("1.1", "inv_package", "(id, host_id, ecosystem, name, version, source_name, source_version, arch) "
                    + "VALUES (1001, 1001, 'Debian:12', 'libssl3', '3.0.11-1', 'openssl', '3.0.11-1', 'amd64')",
                    "id = 1001 AND version = '3.0.11-1'"),
            row("1.1", "inv_package_history", "(id, host_id, ecosystem, package_name, change_type, new_version, reason, "
                    + "changed_at) VALUES (1001, 1001, 'Debian:12', 'libssl3', 'ADDED', '3.0.11-1', 'import', "
                    + NOW + ")", "id = 1001"),
            row("1.2", "adv_advisory", "(id, summary, modified, cvss_score, imported_at) "
                    + "VALUES ('DSA-UPGRADE-1', 'openssl: a flaw', " + NOW + ", 7.5, " + NOW + ")",
                    // V1_8 gave every existing advisory the source 'osv'.
                    "id = 'DSA-UPGRADE-1' AND cvss_score = 7.5 AND source = 'osv'"),
            row("1.2", "adv_alias", "(advisory_id, alias) VALUES ('DSA-UPGRADE-1', 'CVE-2099-0001')",
                    "alias = 'CVE-2099-0001'"),
            row("1.2", "adv_affected", "(advisory_id, affected_index, ecosystem, package_name) "
                    + "VALUES ('DSA-UPGRADE-1', 0, 'Debian:12', 'openssl')", "advisory_id = 'DSA-UPGRADE-1'"),
            row("1.2", "adv_range", "(advisory_id, affected_index, range_index, range_type) "
                    + "VALUES ('DSA-UPGRADE-1', 0, 0, 'ECOSYSTEM')", "advisory_id = 'DSA-UPGRADE-1'"),
            row("1.2", "adv_range_event", "(advisory_id, affected_index, range_index, event_index, event_type, version) "
                    + "VALUES ('DSA-UPGRADE-1', 0, 0, 0, 'fixed', '3.0.11-2')", "version = '3.0.11-2'"),
            row("1.2", "adv_kev", "(cve_id, date_added, loaded_at) VALUES ('CVE-2099-0001', CURRENT_DATE, " + NOW + ")",
                    "cve_id = 'CVE-2099-0001'"),
            row("1.2", "adv_epss", "(cve_id, probability, score_date, loaded_at) "
                    + "VALUES ('CVE-2099-0001', 0.5, CURRENT_DATE, " + NOW + ")", "probability = 0.5"),
            row("1.2", "adv_assessment", "(id, started_at, duration_millis, hosts, packages, findings) "
                    + "VALUES (1001, " + NOW + ", 10, 1, 1, 1)", "id = 1001 AND findings = 1"),
            // Before V1_9 a finding had no history; V1_9 derives it from the assessment that found it.
            new UpgradeSeed("1.2", "1.9", "adv_finding", "(id, assessment_id, host, ecosystem, package_name, "
                    + "installed_version, advisory_id, fixed_version, status) VALUES (1001, 1001, 'upgrade-web-1', "
                    + "'Debian:12', 'openssl', '3.0.11-1', 'DSA-UPGRADE-1', '3.0.11-2', 'FIX_AVAILABLE')",
                    FINDING_WITH_HISTORY),
            new UpgradeSeed("1.9", null, "adv_finding", "(id, assessment_id, host, ecosystem, package_name, "
                    + "installed_version, advisory_id, fixed_version, status, first_assessment_id, first_seen, "
                    + "last_seen, opened_assessment_id, opened_at, opened_on) VALUES (1001, 1001, 'upgrade-web-1', "
                    + "'Debian:12', 'openssl', '3.0.11-1', 'DSA-UPGRADE-1', '3.0.11-2', 'FIX_AVAILABLE', 1001, "
                    + NOW + ", " + NOW + ", 1001, " + NOW + ", CURRENT_DATE)", FINDING_WITH_HISTORY),
            row("1.3", "chg_change", "(id, seq, title, requested_by, state, stage, patch_kind, reboot_required, "
                    + "vendor_trusted, priority, created_at, updated_at) VALUES ('CHG-900001', 900001, "
                    + "'Patch openssl', 'alice', 'ROLLING_OUT', 'rollout', 'security', FALSE, TRUE, 'P2', " + NOW
                    + ", " + NOW + ")", "id = 'CHG-900001' AND state = 'ROLLING_OUT' AND priority = 'P2'"),
            row("1.3", "chg_change_seq", "(seq, created_at) VALUES (900001, " + NOW + ")", "seq = 900001"),
            row("1.3", "chg_change_advisory", "(change_id, advisory_id) VALUES ('CHG-900001', 'DSA-UPGRADE-1')",
                    "change_id = 'CHG-900001'"),
            row("1.3", "chg_change_target", "(change_id, host_name, package_name, installed_version, fixed_version, "
                    + "advisory_id) VALUES ('CHG-900001', 'upgrade-web-1', 'openssl', '3.0.11-1', '3.0.11-2', "
                    + "'DSA-UPGRADE-1')", "change_id = 'CHG-900001'"),
            row("1.3", "chg_vote", "(change_id, stage, voter, vote, reason, task_id, voted_at) "
                    + "VALUES ('CHG-900001', 'cab', 'carol', 'APPROVE', 'tested in staging', 'task-1', " + NOW + ")",
                    "voter = 'carol'"),
            row("1.3", "chg_maintenance_window", "(id, name, host_group, time_zone, days_of_week, start_time, "
                    + "duration_minutes, cutoff_minutes, created_by, created_at) VALUES (1001, 'upgrade-window', "
                    + "'web', 'UTC', 'SAT', '22:00', 240, 30, 'erin', " + NOW + ")", "name = 'upgrade-window'"),
            row("1.4", "dep_rollout", "(id, change_id, stage, state, attempt, created_at, updated_at) "
                    + "VALUES (1001, 'CHG-900001', 'production', 'RUNNING', 1, " + NOW + ", " + NOW + ")",
                    "id = 1001"),
            row("1.4", "dep_ring", "(id, rollout_id, position, name, state, batch_size, failure_budget, "
                    + "manual_promotion, soak_seconds) VALUES (1001, 1001, 0, 'canary', 'RUNNING', 1, 0, FALSE, 0)",
                    // V1_12_4 put every existing ring into the stage's default plan.
                    "id = 1001 AND plan = 'default'"),
            row("1.4", "dep_host", "(id, ring_id, host_name, batch_no, state, target_versions) "
                    + "VALUES (1001, 1001, 'upgrade-web-1', 1, 'SUCCEEDED', '{\"openssl\":\"3.0.11-2\"}')",
                    "id = 1001 AND state = 'SUCCEEDED' AND rollback_attempted = FALSE"),
            row("1.5", "itsm_ticket", "(id, change_id, title, affected_hosts, status, created_at, updated_at) "
                    + "VALUES (1001, 'CHG-900001', 'Patch openssl', 1, 'OPEN', " + NOW + ", " + NOW + ")",
                    "change_id = 'CHG-900001'"),
            row("1.5", "itsm_ticket_event", "(id, ticket_id, event_type, author, occurred_at) "
                    + "VALUES (1001, 1001, 'CREATED', 'patchflow', " + NOW + ")", "ticket_id = 1001"),
            row("1.6", "audit_entry", "(id, seq, change_id, recorded_at, kind, actor, summary, inputs, outcome, "
                    + "previous_hash, hash) VALUES (1001, 1, 'CHG-900001', " + NOW + ", 'change.requested', 'alice', "
                    + "'requested', '{}', '{}', '" + "0".repeat(64) + "', 'h1')",
                    "seq = 1 AND actor = 'alice' AND hash = 'h1'"),
            row("1.6", "audit_checkpoint", "(id, seq, entry_id, hash, sealed_at, hmac) "
                    + "VALUES (1001, 1, 1001, 'h1', " + NOW + ", 'seal')", "seq = 1 AND hmac = 'seal'"),
            row("1.7", "scan_report", "(id, format, hosts, findings, suppressed, duplicates, informational, bytes, "
                    + "imported_at) VALUES (1001, 'trivy', 1, 1, 0, 0, 0, 100, " + NOW + ")", "id = 1001"),
            row("1.7", "scan_finding", "(scan_id, finding_index, host, vulnerability_id, suppressed) "
                    + "VALUES (1001, 0, 'upgrade-web-1', 'CVE-2099-0001', FALSE)", "scan_id = 1001"),
            row("1.8", "adv_feed_load", "(id, feed, started_at, loaded_by, origin, succeeded) "
                    + "VALUES (1001, 'osv', " + NOW + ", 'alice', 'upload', TRUE)", "id = 1001"),
            row("1.9", "chg_proposal", "(id, ecosystem, package_name, fixed_version, state, in_kev, hosts, auto_start, "
                    + "first_assessment_id, last_assessment_id, created_at, updated_at) VALUES (1001, 'Debian:12', "
                    + "'openssl', '3.0.11-2', 'WAITING', FALSE, 1, FALSE, 1001, 1001, " + NOW + ", " + NOW + ")",
                    "id = 1001"),
            row("1.12", "itsm_outbox", "(id, change_id, ticket_system, ticket_key, kind, author, state, attempts, "
                    + "next_attempt_at, created_at) VALUES (1001, 'CHG-900001', 'local', 'PF-1001', 'COMMENT', "
                    + "'patchflow', 'PENDING', 0, " + NOW + ", " + NOW + ")", "id = 1001 AND state = 'PENDING'"));

    private static UpgradeSeed row(String since, String table, String values, String key) {
        return new UpgradeSeed(since, null, table, values, key);
    }
}
