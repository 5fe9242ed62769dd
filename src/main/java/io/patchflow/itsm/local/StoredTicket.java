package io.patchflow.itsm.local;

import io.patchflow.itsm.TicketStatus;
import java.time.Instant;
import java.time.LocalDate;

/** A row of itsm_ticket. */
record StoredTicket(long id, String changeId, String title, String priority, String changeType, int affectedHosts,
        LocalDate slaDue, String description, TicketStatus status, Instant createdAt, Instant updatedAt) {

    String key() {
        return TicketKey.of(id);
    }
}
