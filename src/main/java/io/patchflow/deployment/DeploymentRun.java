package io.patchflow.deployment;

/**
 * Which rollout step a back-end call belongs to: the change, its stage ({@code test} or {@code production}), the
 * rollout's attempt (1, then one more for every retry a change manager decides), the ring and the batch number. Back
 * ends use it to name their runs in logs and on disk, to cancel a change's runs, and to apply a change at most once
 * per host and attempt ({@link #applicationKey()}).
 */
public record DeploymentRun(String changeId, String stage, int attempt, String ring, int batch) {

    public DeploymentRun {
        if (changeId == null || changeId.isBlank() || stage == null || stage.isBlank()) {
            throw new IllegalArgumentException("A deployment run needs a change id and a stage");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("A rollout attempt counts from 1, not " + attempt);
        }
    }

    /**
     * What a back end applies at most once per host: this change, in this stage, in this attempt. The ring and the
     * batch are left out on purpose: a batch re-sent after a crash may be numbered differently, the host is the same.
     * A retry after a failed rollout is a new attempt and legitimately patches its hosts again. Safe as a file name.
     */
    public String applicationKey() {
        return (changeId + "-" + stage + "-a" + attempt).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
