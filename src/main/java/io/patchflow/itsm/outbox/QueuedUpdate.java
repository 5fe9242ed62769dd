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

    /** Put at the end of a comment so that a retry can tell whether an earlier attempt reached the ticket. */
    String marker() {
        return "(patchflow update " + id + ")";
    }
}
