package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.outbox.QueuedUpdate.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for itsm_outbox. Only the oldest open update of a change is ever handed out: that is the ordering. */
@Repository
class OutboxStore {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String STALLED = "STALLED";

    private static final String COLUMNS = "id, change_id, ticket_system, ticket_key, ticket_url, kind, author, body, "
            + "target, attempts";

    // The head of a change's queue: nothing older of the same change is still open (pending or stalled).
    private static final String IS_HEAD = " AND NOT EXISTS (SELECT 1 FROM itsm_outbox e WHERE e.change_id = "
            + "o.change_id AND e.id < o.id AND e.state IN ('PENDING', 'STALLED'))";

    private final JdbcClient jdbc;

    OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String changeId, TicketRef ticket, Kind kind, String author, String body, String target, Instant now) {
        jdbc.sql("INSERT INTO itsm_outbox (change_id, ticket_system, ticket_key, ticket_url, kind, author, body, "
                + "target, state, attempts, next_attempt_at, created_at) VALUES (:changeId, :system, :key, :url, "
                + ":kind, :author, :body, :target, 'PENDING', 0, :now, :now)")
                .param("changeId", changeId)
                .param("system", ticket.system())
                .param("key", ticket.key())
                .param("url", ticket.url())
                .param("kind", kind.name())
                .param("author", author)
                .param("body", body)
                .param("target", target)
                .param("now", utc(now))
                .update();
    }

    /** Ids of updates due now that head their change's queue and nobody is working on, oldest first. */
    List<Long> dueHeads(Instant now, int limit) {
        return jdbc.sql("SELECT o.id FROM itsm_outbox o WHERE o.state = 'PENDING' AND o.next_attempt_at <= :now "
                + "AND (o.claimed_until IS NULL OR o.claimed_until < :now)" + IS_HEAD + " ORDER BY o.id FETCH FIRST " + limit + " ROWS ONLY")
                .param("now", utc(now))
                .query(Long.class)
                .list();
    }

    /**
     * The head of one change's queue, if it is due and free. Asked after every delivery, so it reads only the change's
     * open updates by index: the anti-join of {@link #dueHeads} let PostgreSQL's cached generic plan scan the whole
     * table whenever its statistics were taken while most updates were pending.
     */
    Optional<Long> dueHead(String changeId, Instant now) {
        return jdbc.sql("SELECT h.id FROM (SELECT o.id, o.state, o.next_attempt_at, o.claimed_until FROM itsm_outbox o "
                + "WHERE o.change_id = :changeId AND o.state IN ('PENDING', 'STALLED') ORDER BY o.id "
                + "FETCH FIRST 1 ROWS ONLY) h WHERE h.state = 'PENDING' AND h.next_attempt_at <= :now "
                + "AND (h.claimed_until IS NULL OR h.claimed_until < :now)")
                .param("changeId", changeId)
                .param("now", utc(now))
                .query(Long.class)
                .optional();
    }

    /** Whether the change has updates still waiting (pending or stalled): a new one has to queue behind them. */
    boolean hasOpen(String changeId) {
        return jdbc.sql("SELECT o.id FROM itsm_outbox o WHERE o.state IN ('PENDING', 'STALLED') "
                + "AND o.change_id = :changeId FETCH FIRST 1 ROWS ONLY")
                .param("changeId", changeId)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /**
     * Takes the update for one attempt, counting the attempt before it is made: a crash during the call leaves a
     * count that tells the next attempt the ticket may already have it. Empty when another worker was quicker.
     */
    Optional<QueuedUpdate> claim(long id, Instant now, Instant until) {
        int claimed = jdbc.sql("UPDATE itsm_outbox SET claimed_until = :until, attempts = attempts + 1 WHERE id = :id "
                + "AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)")
                .param("until", utc(until))
                .param("id", id)
                .param("now", utc(now))
                .update();
        return claimed == 1 ? jdbc.sql("SELECT " + COLUMNS + " FROM itsm_outbox WHERE id = :id").param("id", id)
                .query((rs, row) -> update(rs)).optional() : Optional.empty();
    }

    void delivered(long id, Instant now) {
        jdbc.sql("UPDATE itsm_outbox SET state = 'DELIVERED', delivered_at = :now, claimed_until = NULL, "
                + "last_error = NULL WHERE id = :id").param("now", utc(now)).param("id", id).update();
    }

    void retryLater(long id, Instant at, String error) {
        jdbc.sql("UPDATE itsm_outbox SET next_attempt_at = :at, claimed_until = NULL, last_error = :error "
                + "WHERE id = :id").param("at", utc(at)).param("error", cut(error)).param("id", id).update();
    }

    void stalled(long id, String error) {
        jdbc.sql("UPDATE itsm_outbox SET state = 'STALLED', claimed_until = NULL, last_error = :error WHERE id = :id")
                .param("error", cut(error)).param("id", id).update();
    }

    /** Puts a change's stalled updates back in the queue with fresh attempts; answers how many. */
    int requeueStalled(String changeId, Instant now) {
        return jdbc.sql("UPDATE itsm_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = :now, "
                + "claimed_until = NULL WHERE change_id = :changeId AND state = 'STALLED'")
                .param("now", utc(now)).param("changeId", changeId).update();
    }

    /** How many updates of the change are in each state: for tests and for the operator. */
    List<String> states(String changeId) {
        return jdbc.sql("SELECT state FROM itsm_outbox WHERE change_id = :changeId ORDER BY id")
                .param("changeId", changeId).query(String.class).list();
    }

    /** Open updates (pending, stalled) by state: the queue's depth for monitoring. */
    Map<String, Long> openByState() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT state, COUNT(*) AS n FROM itsm_outbox WHERE state IN ('PENDING', 'STALLED') GROUP BY state")
                .query(rs -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }

    private static QueuedUpdate update(ResultSet rs) throws SQLException {
        return new QueuedUpdate(rs.getLong("id"), rs.getString("change_id"), new TicketRef(
                rs.getString("ticket_system"), rs.getString("ticket_key"), rs.getString("ticket_url")),
                Kind.valueOf(rs.getString("kind")), rs.getString("author"), rs.getString("body"),
                rs.getString("target"), rs.getInt("attempts"));
    }

    private static String cut(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
