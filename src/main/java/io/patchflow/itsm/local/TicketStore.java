package io.patchflow.itsm.local;

import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for itsm_ticket and itsm_ticket_event. */
@Repository
@OnLocalTicketRegister
class TicketStore {

    private static final String TICKET_COLUMNS = "id, change_id, title, priority, change_type, affected_hosts, "
            + "sla_due, description, status, created_at, updated_at";

    private final JdbcClient jdbc;

    TicketStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an OPEN ticket; fails with DuplicateKeyException when the change already has one. */
    StoredTicket insert(TicketRequest request, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO itsm_ticket (change_id, title, priority, change_type, affected_hosts, sla_due, "
                + "description, status, created_at, updated_at) VALUES (:changeId, :title, :priority, :changeType, "
                + ":affectedHosts, :slaDue, :description, :status, :now, :now)")
                .param("changeId", request.changeId())
                .param("title", request.title())
                .param("priority", request.priority())
                .param("changeType", request.changeType())
                .param("affectedHosts", request.affectedHosts())
                .param("slaDue", request.slaDue())
                .param("description", request.description())
                .param("status", TicketStatus.OPEN.name())
                .param("now", utc(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new StoredTicket(id, request.changeId(), request.title(), request.priority(), request.changeType(),
                request.affectedHosts(), request.slaDue(), request.description(), TicketStatus.OPEN, now, now);
    }

    Optional<StoredTicket> byChange(String changeId) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM itsm_ticket WHERE change_id = :changeId")
                .param("changeId", changeId)
                .query((rs, row) -> ticket(rs))
                .optional();
    }

    Optional<StoredTicket> byId(long id) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM itsm_ticket WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> ticket(rs))
                .optional();
    }

    /** Reads the ticket and locks it until the transaction ends, so status changes are applied one at a time. */
    Optional<StoredTicket> lock(long id) {
        return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM itsm_ticket WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) -> ticket(rs))
                .optional();
    }

    void changeStatus(long id, TicketStatus status, Instant now) {
        jdbc.sql("UPDATE itsm_ticket SET status = :status, updated_at = :now WHERE id = :id")
                .param("status", status.name())
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    void touch(long id, Instant now) {
        jdbc.sql("UPDATE itsm_ticket SET updated_at = :now WHERE id = :id")
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    void addEvent(long ticketId, TicketEvent event) {
        jdbc.sql("INSERT INTO itsm_ticket_event (ticket_id, event_type, author, body, from_status, to_status, "
                + "occurred_at) VALUES (:ticketId, :type, :author, :body, :from, :to, :at)")
                .param("ticketId", ticketId)
                .param("type", event.type())
                .param("author", event.author())
                .param("body", event.text())
                .param("from", event.fromStatus())
                .param("to", event.toStatus())
                .param("at", utc(event.at()))
                .update();
    }

    List<TicketEvent> events(long ticketId) {
        return jdbc.sql("SELECT event_type, author, body, from_status, to_status, occurred_at FROM itsm_ticket_event "
                + "WHERE ticket_id = :ticketId ORDER BY id")
                .param("ticketId", ticketId)
                .query((rs, row) -> new TicketEvent(instant(rs, "occurred_at"), rs.getString("event_type"),
                        rs.getString("author"), rs.getString("body"), rs.getString("from_status"),
                        rs.getString("to_status")))
                .list();
    }

    private static StoredTicket ticket(ResultSet rs) throws SQLException {
        return new StoredTicket(rs.getLong("id"), rs.getString("change_id"), rs.getString("title"),
                rs.getString("priority"), rs.getString("change_type"), rs.getInt("affected_hosts"),
                rs.getObject("sla_due", LocalDate.class), rs.getString("description"),
                TicketStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
