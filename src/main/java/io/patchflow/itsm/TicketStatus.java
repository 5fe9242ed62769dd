package io.patchflow.itsm;

/**
 * The statuses a change's ticket goes through, as {@link TicketSystem#transition} accepts them by name. Adapters
 * map them to their system's own workflow. CLOSED, CANCELLED and REJECTED are final.
 */
public enum TicketStatus {
    OPEN, IN_PROGRESS, RESOLVED, CLOSED, CANCELLED, REJECTED;

    public boolean isFinal() {
        return this == CLOSED || this == CANCELLED || this == REJECTED;
    }
}
