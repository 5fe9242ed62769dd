package io.patchflow.itsm;

/** A change's stalled ticket updates were put back in the queue by {@code user}: its lifecycle may go on. */
public record TicketUpdatesResumed(String changeId, String user, int updates) {
}
