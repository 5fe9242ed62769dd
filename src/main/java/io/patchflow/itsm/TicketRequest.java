package io.patchflow.itsm;

import java.time.LocalDate;

/** What a change's ticket says when it is opened. {@code slaDue}, {@code priority} and texts may be null. */
public record TicketRequest(String changeId, String title, String priority, String changeType, int affectedHosts,
        LocalDate slaDue, String description) {

    public TicketRequest {
        if (changeId == null || changeId.isBlank()) {
            throw new IllegalArgumentException("A ticket request needs the change id");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A ticket request needs a title");
        }
        if (affectedHosts < 0) {
            throw new IllegalArgumentException("affectedHosts cannot be negative");
        }
    }
}
