package io.patchflow.deployment;

/** What the staged rollout does after a batch. */
public enum BatchOutcome {
    /** The ring has hosts left: deploy the next batch. */
    MORE_BATCHES,
    /** The ring finished within its failure budget. */
    RING_COMPLETED,
    /** More hosts failed than the ring's budget allows: roll back and halt. */
    BUDGET_BREACHED,
    /** The maintenance window's cut-off has passed: the rest waits for the next window. */
    WINDOW_CLOSED
}
