package io.patchflow.itsm;

/**
 * The ITSM port: what a change needs from a ticketing system. Implementations behave like a remote system: each
 * call takes effect on its own, whatever happens to the caller's transaction afterwards, so retried process jobs
 * rely on {@link #open} being idempotent. The one exception is declared by {@link #updatesInCallersTransaction}.
 */
public interface TicketSystem {

    /** Opens the change's ticket, or returns the one already opened for {@code request.changeId()}. */
    TicketRef open(TicketRequest request);

    void comment(TicketRef ref, String author, String text);

    /**
     * Whether the ticket already carries a comment containing {@code marker}: how a retried delivery, whose earlier
     * attempt may have reached the system before failing, avoids commenting twice.
     */
    boolean hasComment(TicketRef ref, String marker);

    /**
     * Links the change's evidence (its audit trail) from the ticket; linking the same {@code url} again replaces the
     * link instead of adding a second one.
     */
    void linkEvidence(TicketRef ref, String title, String url, String summary);

    /** Moves the ticket to {@code status} (one of {@link TicketStatus}); moving to the current status does nothing. */
    void transition(TicketRef ref, String status, String author, String reason);

    /**
     * Whether {@link #comment}, {@link #transition} and {@link #linkEvidence} on {@code ref} take part in the caller's
     * database transaction, so that an update written with the decision it reports exists exactly when that decision
     * commits, and needs no queue. Only the built-in register's tickets do: they live in Patchflow's own database.
     */
    default boolean updatesInCallersTransaction(TicketRef ref) {
        return false;
    }
}
