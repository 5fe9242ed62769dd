package io.patchflow.itsm.local;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON answer of {@code GET /api/v1/tickets/{key}}: the ticket and everything that happened to it, in order. */
record TicketView(String key, String system, String url, String changeId, String title, String priority,
        String changeType, int affectedHosts, LocalDate slaDue, String description, String status, Instant createdAt,
        Instant updatedAt, List<TicketEvent> events) {

    static TicketView of(StoredTicket ticket, List<TicketEvent> events) {
        return new TicketView(ticket.key(), LocalTicketRegister.SYSTEM, LocalTicketRegister.ref(ticket).url(),
                ticket.changeId(), ticket.title(), ticket.priority(), ticket.changeType(), ticket.affectedHosts(),
                ticket.slaDue(), ticket.description(), ticket.status().name(), ticket.createdAt(),
                ticket.updatedAt(), events);
    }
}
