package io.patchflow.itsm.local;

import java.time.Instant;

/** One thing that happened to a ticket: {@code type} CREATED, COMMENT or TRANSITION. */
record TicketEvent(Instant at, String type, String author, String text, String fromStatus, String toStatus) {

    static final String CREATED = "CREATED";
    static final String COMMENT = "COMMENT";
    static final String TRANSITION = "TRANSITION";
}
