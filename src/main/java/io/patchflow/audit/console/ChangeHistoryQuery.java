package io.patchflow.audit.console;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's read model of changes: plain SQL over the change, advisory and audit tables, every criterion a bound
 * parameter. Read-only; the change module owns these tables and keeps them independent of Camunda's history.
 */
@Repository
class ChangeHistoryQuery {

    private static final String COLUMNS = "c.id, c.title, c.state, c.stage, c.priority, c.change_type, c.sla_due, "
            + "c.requested_by, c.created_at, c.closed_at, c.ticket_key";
    /** Open past its due date, or closed after it. */
    private static final String BREACHED = "(c.sla_due IS NOT NULL AND ((c.closed_at IS NULL AND c.sla_due < :today) "
            + "OR CAST(c.closed_at AS DATE) > c.sla_due))";

    private final JdbcClient jdbc;

    ChangeHistoryQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ChangeSummary.Page search(ChangeFilter filter, LocalDate today) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("today", today);
        add(conditions, params, "c.state = :state", "state", filter.state());
        add(conditions, params, "c.priority = :priority", "priority", filter.priority());
        add(conditions, params, "c.change_type = :changeType", "changeType", filter.changeType());
        add(conditions, params, "(EXISTS (SELECT 1 FROM chg_change_target t WHERE t.change_id = c.id "
                + "AND t.host_name = :host) OR EXISTS (SELECT 1 FROM chg_change_scope s WHERE s.change_id = c.id "
                + "AND s.host_name = :host))", "host", filter.host());
        add(conditions, params, "EXISTS (SELECT 1 FROM chg_change_advisory a WHERE a.change_id = c.id AND "
                + "(a.advisory_id = :advisory OR a.advisory_id IN (SELECT l.advisory_id FROM adv_alias l "
                + "WHERE l.alias = :advisory)))", "advisory", filter.advisory());
        add(conditions, params, "EXISTS (SELECT 1 FROM audit_entry e WHERE e.change_id = c.id AND e.actor = :approver "
                + "AND e.kind IN ('approval.vote', 'approval.decided'))", "approver", filter.approver());
        add(conditions, params, "c.created_at >= :from", "from", utc(filter.from()));
        add(conditions, params, "c.created_at < :to", "to", utc(filter.to()));
        if (filter.slaBreached() != null) {
            conditions.add(filter.slaBreached() ? BREACHED : "NOT " + BREACHED);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT COUNT(*) FROM chg_change c" + where).params(params).query(Long.class).single();
        List<ChangeSummary> changes = jdbc.sql("SELECT " + COLUMNS + ", CASE WHEN " + BREACHED
                        + " THEN 1 ELSE 0 END AS breached FROM chg_change c" + where + " ORDER BY c.seq DESC OFFSET "
                        + ((long) filter.page() * filter.size()) + " ROWS FETCH NEXT " + filter.size() + " ROWS ONLY")
                .params(params)
                .query((rs, row) -> summary(rs))
                .list();
        return new ChangeSummary.Page(changes.stream().map(c -> withAdvisories(c)).toList(), filter.page(),
                filter.size(), total);
    }

    /** The change's own columns, or null when there is no such change. */
    @Transactional(readOnly = true)
    public Map<String, Object> change(String id) {
        return jdbc.sql("SELECT c.*, CASE WHEN " + BREACHED + " THEN 1 ELSE 0 END AS breached FROM chg_change c "
                        + "WHERE c.id = :id")
                .param("id", id).param("today", LocalDate.now(ZoneOffset.UTC))
                .query((rs, row) -> {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("id", rs.getString("id"));
                    change.put("title", rs.getString("title"));
                    change.put("requestedBy", rs.getString("requested_by"));
                    change.put("state", rs.getString("state"));
                    change.put("stage", rs.getString("stage"));
                    change.put("priority", rs.getString("priority"));
                    change.put("slaDue", date(rs, "sla_due"));
                    change.put("slaBreached", rs.getInt("breached") == 1);
                    change.put("changeType", rs.getString("change_type"));
                    change.put("policyReason", rs.getString("policy_reason"));
                    change.put("ticket", rs.getString("ticket_key") == null ? null : Map.of("system",
                            rs.getString("ticket_system"), "key", rs.getString("ticket_key"), "url",
                            String.valueOf(rs.getString("ticket_url"))));
                    change.put("processInstanceId", rs.getString("process_instance_id"));
                    change.put("windowStart", instant(rs, "window_start"));
                    change.put("freezeOverride", rs.getString("freeze_override"));
                    change.put("outcome", rs.getString("outcome"));
                    change.put("createdAt", instant(rs, "created_at"));
                    change.put("closedAt", instant(rs, "closed_at"));
                    return change;
                })
                .optional().orElse(null);
    }

    List<String> advisories(String changeId) {
        return jdbc.sql("SELECT advisory_id FROM chg_change_advisory WHERE change_id = :id ORDER BY advisory_id")
                .param("id", changeId).query(String.class).list();
    }

    /** Who took part in which role (requester, tester, approver...), as the change module recorded it. */
    List<Map<String, Object>> participants(String changeId) {
        return jdbc.sql("SELECT role, user_id FROM chg_participant WHERE change_id = :id ORDER BY role, user_id")
                .param("id", changeId)
                .query((rs, row) -> Map.<String, Object>of("role", rs.getString(1), "user", rs.getString(2)))
                .list();
    }

    List<Map<String, Object>> votes(String changeId) {
        return jdbc.sql("SELECT stage, voter, vote, reason, voted_at FROM chg_vote WHERE change_id = :id "
                        + "ORDER BY voted_at")
                .param("id", changeId)
                .query((rs, row) -> {
                    Map<String, Object> vote = new LinkedHashMap<>();
                    vote.put("stage", rs.getString(1));
                    vote.put("voter", rs.getString(2));
                    vote.put("vote", rs.getString(3));
                    vote.put("reason", rs.getString(4));
                    vote.put("at", instant(rs, "voted_at"));
                    return vote;
                })
                .list();
    }

    List<Map<String, Object>> riskAcceptances(String changeId) {
        return jdbc.sql("SELECT accepted_by, justification, accepted_at, expires_on, hosts FROM chg_risk_acceptance "
                        + "WHERE change_id = :id ORDER BY id")
                .param("id", changeId)
                .query((rs, row) -> {
                    Map<String, Object> acceptance = new LinkedHashMap<>();
                    acceptance.put("acceptedBy", rs.getString(1));
                    acceptance.put("justification", rs.getString(2));
                    acceptance.put("acceptedAt", instant(rs, "accepted_at"));
                    acceptance.put("expiresOn", date(rs, "expires_on"));
                    acceptance.put("hosts", List.of(rs.getString(5).split(",")));
                    return acceptance;
                })
                .list();
    }

    /** Every host of every rollout of the change, by stage and ring. */
    List<Map<String, Object>> rolloutHosts(String changeId) {
        return jdbc.sql("SELECT r.stage, r.state AS rollout_state, r.attempt, g.name AS ring, g.position, h.host_name, "
                        + "h.batch_no, h.state, h.message, h.started_at, h.finished_at FROM dep_rollout r "
                        + "JOIN dep_ring g ON g.rollout_id = r.id JOIN dep_host h ON h.ring_id = g.id "
                        + "WHERE r.change_id = :id ORDER BY r.id, g.position, h.batch_no, h.host_name")
                .param("id", changeId)
                .query((rs, row) -> {
                    Map<String, Object> host = new LinkedHashMap<>();
                    host.put("stage", rs.getString("stage"));
                    host.put("ring", rs.getString("ring"));
                    host.put("attempt", rs.getInt("attempt"));
                    host.put("host", rs.getString("host_name"));
                    host.put("batch", rs.getObject("batch_no"));
                    host.put("state", rs.getString("state"));
                    host.put("message", rs.getString("message"));
                    host.put("startedAt", instant(rs, "started_at"));
                    host.put("finishedAt", instant(rs, "finished_at"));
                    return host;
                })
                .list();
    }

    private ChangeSummary withAdvisories(ChangeSummary c) {
        return new ChangeSummary(c.id(), c.title(), c.state(), c.stage(), c.priority(), c.changeType(), c.slaDue(),
                c.slaBreached(), c.requestedBy(), c.createdAt(), c.closedAt(), c.ticketKey(), advisories(c.id()));
    }

    private static ChangeSummary summary(ResultSet rs) throws SQLException {
        return new ChangeSummary(rs.getString("id"), rs.getString("title"), rs.getString("state"),
                rs.getString("stage"), rs.getString("priority"), rs.getString("change_type"), date(rs, "sla_due"),
                rs.getInt("breached") == 1, rs.getString("requested_by"), instant(rs, "created_at"),
                instant(rs, "closed_at"), rs.getString("ticket_key"), List.of());
    }

    private static void add(List<String> conditions, Map<String, Object> params, String condition, String name,
            Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }
}
