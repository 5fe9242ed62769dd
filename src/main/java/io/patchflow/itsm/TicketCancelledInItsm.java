package io.patchflow.itsm;

import java.util.Map;

/**
 * Someone cancelled or rejected a change's ticket in the ITSM system; the change is to be cancelled. {@code user} is
 * the ITSM system's user (display name and account id), {@code evidence} what the notification carried (its id,
 * event, issue key, statuses), for the audit trail.
 */
public record TicketCancelledInItsm(String changeId, String system, String ticketKey, String user, String reason,
        Map<String, Object> evidence) {
}
