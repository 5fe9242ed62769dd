package io.patchflow.itsm;

/**
 * The ITSM port: what a change needs from a ticketing system. Implementations behave like a remote system: each
 * call takes effect on its own, whatever happens to the caller's transaction afterwards, so retried process jobs
 * rely on {@link #open} being idempotent.
 */
public interface TicketSystem {

    /** Opens the change's ticket, or returns the one already opened for {@code request.changeId()}. */
    TicketRef open(TicketRequest request);

    void comment(TicketRef ref, String author, String text);

    /** Moves the ticket to {@code status} (one of {@link TicketStatus}); moving to the current status does nothing. */
    void transition(TicketRef ref, String status, String author, String reason);
}
