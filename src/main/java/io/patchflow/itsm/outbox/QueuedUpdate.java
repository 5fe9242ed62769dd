package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketRef;

/**
 * A row of itsm_outbox. {@code target} is the status of a TRANSITION, the URL of an EVIDENCE link; {@code body} the
 * comment text, the transition's reason, or the evidence summary. {@code attempts} counts attempts started.
 */
record QueuedUpdate(long id, String changeId, TicketRef ticket, Kind kind, String author, String body, String target,
        int attempts) {

    enum Kind {
        COMMENT, TRANSITION, EVIDENCE
    }

    /** An update written at once, in the caller's transaction: no row, no attempts, no retry. */
    static QueuedUpdate unqueued(String changeId, TicketRef ticket, Kind kind, String author, String body,
            String target) {
        return new QueuedUpdate(0, changeId, ticket, kind, author, body, target, 0);
    }

    boolean queued() {
        return id > 0;
    }

    /** Put at the end of a comment so that a retry can tell whether an earlier attempt reached the ticket. */
    String marker() {
        return "(patchflow update " + id + ")";
    }
}
