package io.patchflow.deployment;

/** A rollout ready to run: its id and how many rings remain to deploy. */
public record RolloutPlanned(long rolloutId, int pendingRings, int hosts) {
}
