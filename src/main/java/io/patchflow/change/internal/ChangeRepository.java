package io.patchflow.change.internal;

import io.patchflow.change.ChangeState;
import io.patchflow.change.NewChange;
import io.patchflow.shared.NotFoundException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Change requests and their decisions in the chg_* tables. */
@Repository
public class ChangeRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ChangeRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public record ChangeRow(String id, String title, String requestedBy, ChangeState state, String stage,
            String patchKind, boolean rebootRequired, boolean vendorTrusted, String priority, LocalDate slaDue,
            String changeType, String policyReason, String ticketSystem, String ticketKey, String ticketUrl,
            String processInstanceId, Instant windowStart, String outcome, Instant createdAt, Instant updatedAt,
            Instant closedAt) {
    }

    public record Target(String host, String packageName, String installedVersion, String fixedVersion,
            String advisory) {
    }

    public String insert(NewChange change) {
        KeyHolder key = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO chg_change_seq (created_at) VALUES (?)").param(now).update(key, "seq");
        long seq = key.getKey().longValue();
        String id = String.format("CHG-%06d", seq);
        jdbc.sql("INSERT INTO chg_change (id, seq, title, requested_by, state, stage, patch_kind, reboot_required, "
                + "vendor_trusted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'detection', ?, ?, ?, ?, ?)")
                .params(id, seq, change.title(), change.requestedBy(), ChangeState.REQUESTED.name(), change.patchKind(),
                        change.rebootRequired(), change.vendorTrusted(), now, now)
                .update();
        // One batch each: a change made from a proposal can name thousands of hosts.
        batch.batchUpdate("INSERT INTO chg_change_advisory (change_id, advisory_id) VALUES (?, ?)",
                change.advisories().stream().map(a -> new Object[] {id, a}).toList());
        batch.batchUpdate("INSERT INTO chg_change_scope (change_id, host_name) VALUES (?, ?)",
                change.hosts().stream().map(h -> new Object[] {id, h}).toList());
        jdbc.sql("INSERT INTO chg_participant (change_id, role, user_id) VALUES (?, 'requester', ?)")
                .params(id, change.requestedBy()).update();
        return id;
    }

    public Optional<ChangeRow> find(String id) {
        return jdbc.sql("SELECT * FROM chg_change WHERE id = ?").param(id).query(ChangeRepository::row).optional();
    }

    public ChangeRow get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("No change " + id));
    }

    public List<ChangeRow> list(ChangeState state, int page, int size) {
        String where = state == null ? "" : " WHERE state = :state";
        var sql = jdbc.sql("SELECT * FROM chg_change" + where + " ORDER BY seq DESC LIMIT :size OFFSET :offset")
                .param("size", size).param("offset", page * size);
        if (state != null) {
            sql = sql.param("state", state.name());
        }
        return sql.query(ChangeRepository::row).list();
    }

    public List<String> advisories(String id) {
        return advisories(List.of(id)).getOrDefault(id, List.of());
    }

    /** The advisories of each of {@code ids} (a page of changes in one query); changes without any are absent. */
    public Map<String, List<String>> advisories(List<String> ids) {
        return valuesByChange("SELECT change_id, advisory_id FROM chg_change_advisory WHERE change_id IN (:ids) "
                + "ORDER BY change_id, advisory_id", ids);
    }

    public List<String> scope(String id) {
        return scope(List.of(id)).getOrDefault(id, List.of());
    }

    /** The hosts each of {@code ids} was requested for (empty: every affected host); absent when empty. */
    public Map<String, List<String>> scope(List<String> ids) {
        return valuesByChange("SELECT change_id, host_name FROM chg_change_scope WHERE change_id IN (:ids) "
                + "ORDER BY change_id, host_name", ids);
    }

    private Map<String, List<String>> valuesByChange(String sql, List<String> ids) {
        Map<String, List<String>> values = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(sql).param("ids", ids).query((RowCallbackHandler) rs ->
                    values.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2)));
        }
        return values;
    }

    public void processStarted(String id, String processInstanceId) {
        jdbc.sql("UPDATE chg_change SET process_instance_id = ?, updated_at = ? WHERE id = ?")
                .params(processInstanceId, now(), id).update();
    }

    public void moveTo(String id, ChangeState state, String stage) {
        jdbc.sql("UPDATE chg_change SET state = ?, stage = ?, updated_at = ?, closed_at = ? WHERE id = ?")
                .params(state.name(), stage, now(), state.isFinal() ? now() : null, id).update();
    }

    public void priority(String id, String priority, LocalDate slaDue, String reason) {
        jdbc.sql("UPDATE chg_change SET priority = ?, sla_due = ?, policy_reason = ?, updated_at = ? WHERE id = ?")
                .params(priority, Date.valueOf(slaDue), reason, now(), id).update();
    }

    public void classification(String id, String changeType, String reason) {
        jdbc.sql("UPDATE chg_change SET change_type = ?, policy_reason = ?, updated_at = ? WHERE id = ?")
                .params(changeType, reason, now(), id).update();
    }

    public void ticket(String id, String system, String key, String url) {
        jdbc.sql("UPDATE chg_change SET ticket_system = ?, ticket_key = ?, ticket_url = ?, updated_at = ? WHERE id = ?")
                .params(system, key, url, now(), id).update();
    }

    public void window(String id, Instant windowStart, String freezeOverride) {
        jdbc.sql("UPDATE chg_change SET window_start = ?, freeze_override = COALESCE(?, freeze_override), "
                + "updated_at = ? WHERE id = ?")
                .params(Timestamp.from(windowStart), freezeOverride, now(), id).update();
    }

    public void outcome(String id, String outcome) {
        jdbc.sql("UPDATE chg_change SET outcome = ?, updated_at = ? WHERE id = ?").params(outcome, now(), id).update();
    }

    public void replaceTargets(String id, List<Target> targets) {
        jdbc.sql("DELETE FROM chg_change_target WHERE change_id = ?").param(id).update();
        for (Target t : targets) {
            jdbc.sql("INSERT INTO chg_change_target (change_id, host_name, package_name, installed_version, "
                    + "fixed_version, advisory_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, t.host(), t.packageName(), t.installedVersion(), t.fixedVersion(), t.advisory())
                    .update();
        }
    }

    public List<Target> targets(String id) {
        return jdbc.sql("SELECT host_name, package_name, installed_version, fixed_version, advisory_id "
                + "FROM chg_change_target WHERE change_id = ? ORDER BY host_name, package_name, advisory_id")
                .param(id).query((rs, n) -> new Target(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    public int affectedHosts(String id) {
        return affectedHosts(List.of(id)).getOrDefault(id, 0);
    }

    /** How many hosts each of {@code ids} patches; absent before its evaluation found any. */
    public Map<String, Integer> affectedHosts(List<String> ids) {
        Map<String, Integer> hosts = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT change_id, COUNT(DISTINCT host_name) FROM chg_change_target WHERE change_id IN (:ids) "
                    + "GROUP BY change_id").param("ids", ids)
                    .query((RowCallbackHandler) rs -> hosts.put(rs.getString(1), rs.getInt(2)));
        }
        return hosts;
    }

    public List<String> participants(String id, String role) {
        return jdbc.sql("SELECT user_id FROM chg_participant WHERE change_id = ? AND role = ?").params(id, role)
                .query(String.class).list();
    }

    public void addParticipant(String id, String role, String user) {
        if (!participants(id, role).contains(user)) {
            jdbc.sql("INSERT INTO chg_participant (change_id, role, user_id) VALUES (?, ?, ?)").params(id, role, user)
                    .update();
        }
    }

    public boolean hasVoted(String id, String stage, String voter) {
        return jdbc.sql("SELECT COUNT(*) FROM chg_vote WHERE change_id = ? AND stage = ? AND voter = ?")
                .params(id, stage, voter).query(Integer.class).single() > 0;
    }

    public void vote(String id, String stage, String voter, String vote, String reason, String taskId) {
        jdbc.sql("INSERT INTO chg_vote (change_id, stage, voter, vote, reason, task_id, voted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)").params(id, stage, voter, vote, reason, taskId, now()).update();
    }

    public List<String> votes(String id, String stage) {
        return jdbc.sql("SELECT vote FROM chg_vote WHERE change_id = ? AND stage = ?").params(id, stage)
                .query(String.class).list();
    }

    public void riskAccepted(String id, String user, String justification, LocalDate expiresOn, List<String> hosts) {
        jdbc.sql("INSERT INTO chg_risk_acceptance (change_id, accepted_by, justification, accepted_at, expires_on, "
                + "hosts) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, user, justification, now(), Date.valueOf(expiresOn), String.join(",", hosts)).update();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static ChangeRow row(ResultSet rs, int n) throws SQLException {
        Date sla = rs.getDate("sla_due");
        return new ChangeRow(rs.getString("id"), rs.getString("title"), rs.getString("requested_by"),
                ChangeState.valueOf(rs.getString("state")), rs.getString("stage"), rs.getString("patch_kind"),
                rs.getBoolean("reboot_required"), rs.getBoolean("vendor_trusted"), rs.getString("priority"),
                sla == null ? null : sla.toLocalDate(), rs.getString("change_type"), rs.getString("policy_reason"),
                rs.getString("ticket_system"), rs.getString("ticket_key"), rs.getString("ticket_url"),
                rs.getString("process_instance_id"), instant(rs.getTimestamp("window_start")), rs.getString("outcome"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("closed_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
