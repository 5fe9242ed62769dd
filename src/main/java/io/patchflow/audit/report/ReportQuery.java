package io.patchflow.audit.report;

import io.patchflow.audit.internal.CanonicalJson;
import io.patchflow.audit.report.ReportFacts.AcceptanceFact;
import io.patchflow.audit.report.ReportFacts.ChangeFact;
import io.patchflow.audit.report.ReportFacts.DecisionFact;
import io.patchflow.audit.report.ReportFacts.FindingFact;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports' read model: plain SQL over the findings, changes, risk acceptances and the audit log, optionally
 * limited to hosts whose name starts with a prefix (a fleet segment such as {@code web-}). Read-only; it owns none
 * of these tables.
 */
@Repository
class ReportQuery {

    static final List<String> DECISION_KINDS = List.of("approval.vote", "approval.decided", "approval.policy",
            "rollout.planned", "closure.review");
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    ReportQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ReportFacts load(String hostPrefix) {
        String pattern = hostPrefix == null ? null : escape(hostPrefix) + "%";
        List<ChangeFact> changes = changes(pattern);
        return new ReportFacts(findings(pattern), acceptances(pattern), changes,
                decisions(changes.stream().map(ChangeFact::id).toList()));
    }

    private List<FindingFact> findings(String pattern) {
        String where = pattern == null ? "" : " WHERE host LIKE :pattern ESCAPE '\\'";
        var sql = jdbc.sql("SELECT host, package_name, advisory_id, priority, opened_at, resolved_at, sla_due, in_kev, "
                + "kev_due FROM adv_finding" + where + " ORDER BY id");
        if (pattern != null) {
            sql = sql.param("pattern", pattern);
        }
        return sql.query((rs, row) -> new FindingFact(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), instant(rs, 5), instant(rs, 6), date(rs, 7), rs.getBoolean(8), date(rs, 9))).list();
    }

    private List<AcceptanceFact> acceptances(String pattern) {
        // hosts is a comma-separated list; a prefix matches its first host or any after a comma.
        String where = pattern == null ? "" : " WHERE hosts LIKE :pattern ESCAPE '\\' OR hosts LIKE :inner ESCAPE '\\'";
        var sql = jdbc.sql("SELECT change_id, accepted_by, justification, accepted_at, expires_on, hosts "
                + "FROM chg_risk_acceptance" + where + " ORDER BY id");
        if (pattern != null) {
            sql = sql.param("pattern", pattern).param("inner", "%," + pattern);
        }
        return sql.query((rs, row) -> new AcceptanceFact(rs.getString(1), rs.getString(2), rs.getString(3),
                instant(rs, 4), date(rs, 5), rs.getString(6))).list();
    }

    private List<ChangeFact> changes(String pattern) {
        String where = pattern == null ? "" : " WHERE EXISTS (SELECT 1 FROM chg_change_target t WHERE t.change_id = c.id "
                + "AND t.host_name LIKE :pattern ESCAPE '\\') OR EXISTS (SELECT 1 FROM chg_change_scope s "
                + "WHERE s.change_id = c.id AND s.host_name LIKE :pattern ESCAPE '\\')";
        var sql = jdbc.sql("SELECT c.id, c.title, c.change_type, c.state, c.priority FROM chg_change c" + where
                + " ORDER BY c.seq");
        if (pattern != null) {
            sql = sql.param("pattern", pattern);
        }
        return sql.query((rs, row) -> new ChangeFact(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5))).list();
    }

    private List<DecisionFact> decisions(List<String> changeIds) {
        List<DecisionFact> decisions = new ArrayList<>();
        for (int from = 0; from < changeIds.size(); from += CHUNK) {
            decisions.addAll(jdbc.sql("SELECT change_id, seq, kind, actor, recorded_at, inputs FROM audit_entry "
                    + "WHERE change_id IN (:ids) AND kind IN (:kinds) ORDER BY seq")
                    .param("ids", changeIds.subList(from, Math.min(changeIds.size(), from + CHUNK)))
                    .param("kinds", DECISION_KINDS)
                    .query((rs, row) -> new DecisionFact(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), instant(rs, 5), stage(rs.getString(6))))
                    .list());
        }
        return decisions;
    }

    private static String stage(String inputs) {
        try {
            Object stage = CanonicalJson.read(inputs).get("stage");
            return stage == null ? null : stage.toString();
        } catch (RuntimeException tampered) {
            return null;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    private static String escape(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
