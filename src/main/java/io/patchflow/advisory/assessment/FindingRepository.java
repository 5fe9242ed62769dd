package io.patchflow.advisory.assessment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Assessments ({@code adv_assessment}) and the findings they keep ({@code adv_finding}), open and resolved. */
@Repository
class FindingRepository {

    /** Which findings a query wants: open ones (the default), resolved ones, or both. */
    enum State {
        OPEN, RESOLVED, ALL
    }

    /** A finding row as stored, before its aliases are added. */
    record StoredFinding(String host, String ecosystem, String packageName, String installedVersion, String advisory,
            String fixedVersion, String status, String reason, String priority, LocalDate slaDue, Instant firstSeen,
            Instant lastSeen, Instant resolvedAt) {
    }

    private static final String ASSESSMENT_COLUMNS = "id, hosts, packages, findings, duration_millis, new_findings, "
            + "still_open, resolved, match_millis, priority_millis, write_millis, started_at, completed_at, "
            + "requested_by, priority_policy";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    FindingRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** Waits for a running assessment to commit: two at once would each resolve what the other just saw. */
    void lockAssessments() {
        jdbc.queryForList("SELECT id FROM adv_assessment_lock WHERE id = 1 FOR UPDATE");
    }

    long insertAssessment(Instant startedAt, String requestedBy) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("INSERT INTO adv_assessment (started_at, "
                    + "duration_millis, hosts, packages, findings, requested_by) VALUES (?, 0, 0, 0, 0, ?)",
                    new String[] {"id"});
            ps.setTimestamp(1, Timestamp.from(startedAt));
            ps.setString(2, requestedBy);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    void complete(AssessmentResult r) {
        jdbc.update("UPDATE adv_assessment SET hosts = ?, packages = ?, findings = ?, duration_millis = ?, "
                + "new_findings = ?, still_open = ?, resolved = ?, match_millis = ?, priority_millis = ?, "
                + "write_millis = ?, completed_at = ?, priority_policy = ? WHERE id = ?", r.hosts(), r.packages(),
                r.findings(), r.durationMillis(), r.newFindings(), r.stillOpen(), r.resolved(), r.matchMillis(),
                r.priorityMillis(), r.writeMillis(), Timestamp.from(r.completedAt()), r.priorityPolicy(), r.id());
    }

    Optional<AssessmentResult> assessment(long id) {
        return jdbc.query("SELECT " + ASSESSMENT_COLUMNS + " FROM adv_assessment WHERE id = ?",
                FindingRepository::assessment, id).stream().findFirst();
    }

    List<AssessmentResult> assessments(int page, int size) {
        return jdbc.query("SELECT " + ASSESSMENT_COLUMNS + " FROM adv_assessment ORDER BY id DESC "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", FindingRepository::assessment, (long) page * size, size);
    }

    long countAssessments() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM adv_assessment", Long.class);
        return count == null ? 0 : count;
    }

    /** A page of stored findings; {@code advisory} matches an advisory id or one of its aliases. */
    List<StoredFinding> page(FindingQuery query, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return named.query("SELECT host, ecosystem, package_name, installed_version, advisory_id, fixed_version, "
                + "status, reason, priority, sla_due, first_seen, last_seen, resolved_at FROM adv_finding" + where
                + " ORDER BY host, ecosystem, package_name, installed_version, advisory_id "
                + "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", params,
                (rs, row) -> new StoredFinding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10, LocalDate.class), instant(rs, 11), instant(rs, 12), instant(rs, 13)));
    }

    long count(FindingQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        Long count = named.queryForObject("SELECT COUNT(*) FROM adv_finding" + where, params, Long.class);
        return count == null ? 0 : count;
    }

    private static String where(FindingQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(switch (query.state()) {
            case OPEN -> " WHERE resolved_at IS NULL";
            case RESOLVED -> " WHERE resolved_at IS NOT NULL";
            case ALL -> " WHERE 1 = 1";
        });
        if (query.host() != null) {
            where.append(" AND host = :host");
            params.put("host", query.host());
        }
        if (query.advisory() != null) {
            where.append(" AND (advisory_id = :advisory OR advisory_id IN "
                    + "(SELECT advisory_id FROM adv_alias WHERE alias = :advisory))");
            params.put("advisory", query.advisory());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.put("status", query.status());
        }
        return where.toString();
    }

    private static AssessmentResult assessment(ResultSet rs, int row) throws SQLException {
        return new AssessmentResult(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getLong(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                instant(rs, 12), instant(rs, 13), rs.getString(14), rs.getString(15));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
