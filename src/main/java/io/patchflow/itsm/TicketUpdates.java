package io.patchflow.itsm;

/**
 * The queue of a change's ticket updates. Updates are written in the caller's transaction (they exist exactly when
 * the decision they report committed) and delivered to the {@link TicketSystem} after the commit, in order per
 * change, retried with back-off until the ticket system answers. An update of a ticket that takes part in the
 * caller's transaction ({@link TicketSystem#updatesInCallersTransaction}) is written on the ticket at once instead.
 * See docs/jira.md.
 */
public interface TicketUpdates {

    void comment(String changeId, TicketRef ref, String author, String text);

    void transition(String changeId, TicketRef ref, String status, String author, String reason);

    /**
     * Links the change's evidence (its audit trail, {@code /api/v1/changes/{id}/audit}) from the ticket, with a
     * summary of how the change ended.
     */
    void evidence(String changeId, TicketRef ref, String summary);

    /**
     * Puts a change's stalled updates back in the queue (after the ticket system was fixed); answers how many. The
     * change's lifecycle is resumed by {@link TicketUpdatesResumed} once they were delivered.
     */
    int retryStalled(String changeId, String user);
}
