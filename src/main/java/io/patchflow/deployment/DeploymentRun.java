package io.patchflow.deployment;

/**
 * Which rollout step a back-end call belongs to: the change, its stage ({@code test} or {@code production}), the
 * ring and the batch number. Back ends use it to name their runs in logs and on disk and to cancel a change's runs.
 */
public record DeploymentRun(String changeId, String stage, String ring, int batch) {
}
