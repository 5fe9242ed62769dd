package io.patchflow.change.detection;

import io.patchflow.advisory.FixGroups.FixGroup;
import io.patchflow.change.ChangeState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Proposed changes in {@code chg_proposal} and their advisories in {@code chg_proposal_advisory}. */
@Repository
class ProposalRepository {

    static final String WAITING = "WAITING";
    static final String STARTED = "STARTED";
    static final String DISMISSED = "DISMISSED";

    /** A change in one of these states no longer covers its group. */
    private static final String FINAL_STATES = Arrays.stream(ChangeState.values()).filter(ChangeState::isFinal)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    /** A stored proposal, without its advisories and host names. */
    record Row(long id, String ecosystem, String packageName, String fixedVersion, String state, String priority,
            boolean inKev, int hosts, boolean autoStart, String policyReason, String policyVersion, String changeId,
            String decidedBy, String dismissReason, long firstAssessment, long lastAssessment, Instant createdAt,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ProposalRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long insert(FixGroup group, ProposalPolicy.Decision decision, long assessmentId) {
        Timestamp now = Timestamp.from(Instant.now());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO chg_proposal (ecosystem, package_name, fixed_version, state, priority, in_kev, hosts, "
                + "auto_start, policy_reason, policy_version, first_assessment_id, last_assessment_id, created_at, "
                + "updated_at) VALUES (?, ?, ?, 'WAITING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(group.ecosystem(), group.packageName(), group.fixedVersion(), group.priority(),
                        group.inKev(), group.hosts(), decision.autoStart(), decision.reason(), decision.version(),
                        assessmentId, assessmentId, now, now)
                .update(key, "id");
        long id = key.getKey().longValue();
        addAdvisories(id, group.advisories());
        return id;
    }

    /** What a proposal is about: one (ecosystem, package, fixed version). */
    record Group(String ecosystem, String packageName, String fixedVersion) {
    }

    /**
     * The proposals that are still open, by group: waiting, or started with a change that has not ended. One read
     * per assessment, however many groups it has.
     */
    Map<Group, Row> open() {
        Map<Group, Row> open = new HashMap<>();
        jdbc.sql("SELECT * FROM chg_proposal p WHERE state = 'WAITING' OR (state = 'STARTED' AND NOT EXISTS "
                + "(SELECT 1 FROM chg_change c WHERE c.id = p.change_id AND c.state IN (" + FINAL_STATES + "))) "
                + "ORDER BY id").query(ProposalRepository::row).list()
                .forEach(row -> open.put(new Group(row.ecosystem(), row.packageName(), row.fixedVersion()), row));
        return open;
    }

    /**
     * The hosts open changes already patch for any of these advisories, each with such a change, however the
     * change was started (a proposal, the API, an operator): evaluated changes by their targets, others by the scope
     * their requester gave. {@code allHosts} holds the open changes that have neither yet (they will patch every
     * affected host).
     */
    record Coverage(Map<String, String> hosts, List<String> allHosts) {
    }

    Coverage coverage(List<String> advisories) {
        if (advisories.isEmpty()) {
            return new Coverage(Map.of(), List.of());
        }
        List<String> changes = jdbc.sql("SELECT c.id FROM chg_change c WHERE c.state NOT IN (" + FINAL_STATES + ") "
                + "AND EXISTS (SELECT 1 FROM chg_change_advisory a WHERE a.change_id = c.id AND a.advisory_id IN "
                + "(:advisories)) ORDER BY c.id").param("advisories", advisories).query(String.class).list();
        Map<String, String> hosts = new HashMap<>();
        List<String> allHosts = new ArrayList<>();
        for (String change : changes) {
            List<String> covered = jdbc.sql("SELECT DISTINCT host_name FROM chg_change_target WHERE change_id = ?")
                    .param(change).query(String.class).list();
            if (covered.isEmpty()) {
                covered = jdbc.sql("SELECT host_name FROM chg_change_scope WHERE change_id = ?").param(change)
                        .query(String.class).list();
            }
            if (covered.isEmpty()) {
                allHosts.add(change);
            }
            covered.forEach(host -> hosts.putIfAbsent(host, change));
        }
        return new Coverage(hosts, allHosts);
    }

    /** A later assessment saw the group again: its current size and urgency. */
    void refresh(long id, FixGroup group, ProposalPolicy.Decision decision, long assessmentId) {
        jdbc.sql("UPDATE chg_proposal SET priority = ?, in_kev = ?, hosts = ?, auto_start = ?, policy_reason = ?, "
                + "policy_version = ?, last_assessment_id = ?, updated_at = ? WHERE id = ?")
                .params(group.priority(), group.inKev(), group.hosts(), decision.autoStart(), decision.reason(),
                        decision.version(), assessmentId, Timestamp.from(Instant.now()), id)
                .update();
        addAdvisories(id, group.advisories());
    }

    void started(long id, String changeId, String by) {
        jdbc.sql("UPDATE chg_proposal SET state = 'STARTED', change_id = ?, decided_by = ?, updated_at = ? "
                + "WHERE id = ?").params(changeId, by, Timestamp.from(Instant.now()), id).update();
    }

    void dismissed(long id, String by, String reason) {
        jdbc.sql("UPDATE chg_proposal SET state = 'DISMISSED', decided_by = ?, dismiss_reason = ?, updated_at = ? "
                + "WHERE id = ?").params(by, reason, Timestamp.from(Instant.now()), id).update();
    }

    /** Locks the proposal's row, so that two operators cannot both start (or start and dismiss) it. */
    Optional<Row> lock(long id) {
        return jdbc.sql("SELECT * FROM chg_proposal WHERE id = ? FOR UPDATE").param(id)
                .query(ProposalRepository::row).optional();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM chg_proposal WHERE id = ?").param(id).query(ProposalRepository::row)
                .optional();
    }

    List<Row> list(String state, int page, int size) {
        String where = state == null ? "" : " WHERE state = :state";
        var sql = jdbc.sql("SELECT * FROM chg_proposal" + where + " ORDER BY id DESC OFFSET :offset ROWS "
                + "FETCH NEXT :size ROWS ONLY").param("size", size).param("offset", (long) page * size);
        if (state != null) {
            sql = sql.param("state", state);
        }
        return sql.query(ProposalRepository::row).list();
    }

    long count(String state) {
        var sql = jdbc.sql("SELECT COUNT(*) FROM chg_proposal" + (state == null ? "" : " WHERE state = ?"));
        if (state != null) {
            sql = sql.param(state);
        }
        return sql.query(Long.class).single();
    }

    List<String> advisories(long id) {
        return jdbc.sql("SELECT advisory_id FROM chg_proposal_advisory WHERE proposal_id = ? ORDER BY advisory_id")
                .param(id).query(String.class).list();
    }

    private void addAdvisories(long id, List<String> advisories) {
        Set<String> known = new HashSet<>(advisories(id));
        batch.batchUpdate("INSERT INTO chg_proposal_advisory (proposal_id, advisory_id) VALUES (?, ?)",
                advisories.stream().distinct().filter(a -> !known.contains(a)).map(a -> new Object[] {id, a})
                        .toList());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("ecosystem"), rs.getString("package_name"),
                rs.getString("fixed_version"), rs.getString("state"), rs.getString("priority"),
                rs.getBoolean("in_kev"), rs.getInt("hosts"), rs.getBoolean("auto_start"),
                rs.getString("policy_reason"), rs.getString("policy_version"), rs.getString("change_id"),
                rs.getString("decided_by"), rs.getString("dismiss_reason"), rs.getLong("first_assessment_id"),
                rs.getLong("last_assessment_id"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
