package io.patchflow.itsm;

/** A ticket update could not be delivered after its last retry; later updates of the change wait behind it. */
public record TicketUpdateStalled(String changeId, long updateId, String ticketKey, String kind, int attempts,
        String error) {
}
