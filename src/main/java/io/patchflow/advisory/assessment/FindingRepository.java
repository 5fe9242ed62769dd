package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Assessments ({@code adv_assessment}) and the findings of the latest one ({@code adv_finding}). */
@Repository
class FindingRepository {

    /** A finding row as stored, before its aliases are added. */
    record StoredFinding(String host, String ecosystem, String packageName, String installedVersion, String advisory,
            String fixedVersion, String status) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    FindingRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    long insertAssessment(Instant startedAt, long durationMillis, int hosts, int packages, int findings,
            String requestedBy) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("INSERT INTO adv_assessment (started_at, "
                    + "duration_millis, hosts, packages, findings, requested_by) VALUES (?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setTimestamp(1, Timestamp.from(startedAt));
            ps.setLong(2, durationMillis);
            ps.setInt(3, hosts);
            ps.setInt(4, packages);
            ps.setInt(5, findings);
            ps.setString(6, requestedBy);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /** Replaces all stored findings by those of the given assessment. */
    void replaceFindings(long assessmentId, List<Finding> findings) {
        jdbc.update("DELETE FROM adv_finding");
        jdbc.batchUpdate("INSERT INTO adv_finding (assessment_id, host, ecosystem, package_name, installed_version, "
                + "advisory_id, fixed_version, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                findings.stream().map(f -> new Object[] {assessmentId, f.host(), f.ecosystem(), f.packageName(),
                        f.installedVersion(), f.advisory(), f.fixedVersion(), f.status()}).toList(),
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR});
    }

    /** A page of stored findings; {@code advisory} matches an advisory id or one of its aliases. */
    List<StoredFinding> page(String host, String advisory, String status, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(host, advisory, status, params);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return named.query("SELECT host, ecosystem, package_name, installed_version, advisory_id, fixed_version, "
                + "status FROM adv_finding" + where + " ORDER BY host, package_name, advisory_id, id "
                + "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", params,
                (rs, row) -> new StoredFinding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    long count(String host, String advisory, String status) {
        Map<String, Object> params = new HashMap<>();
        String where = where(host, advisory, status, params);
        Long count = named.queryForObject("SELECT COUNT(*) FROM adv_finding" + where, params, Long.class);
        return count == null ? 0 : count;
    }

    private static String where(String host, String advisory, String status, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (host != null) {
            where.append(" AND host = :host");
            params.put("host", host);
        }
        if (advisory != null) {
            where.append(" AND (advisory_id = :advisory OR advisory_id IN "
                    + "(SELECT advisory_id FROM adv_alias WHERE alias = :advisory))");
            params.put("advisory", advisory);
        }
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", status);
        }
        return where.toString();
    }
}
