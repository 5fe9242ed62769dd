package io.patchflow.itsm;

/**
 * A queued transition found its ticket already in a final status (closed by hand in the ITSM tool, say): the
 * ticket got a comment instead, and the change's path is not held up by its ticket.
 */
public record TicketTransitionSkipped(String changeId, String ticketKey, String status, String author, String reason,
        String why) {
}
