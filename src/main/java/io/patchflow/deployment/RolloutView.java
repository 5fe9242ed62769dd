package io.patchflow.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rollout as {@code GET /api/v1/changes/{id}/rollout} shows it: rings, batches, hosts and counts. */
public record RolloutView(long id, String changeId, String stage, String state, int attempt, Map<String, Long> counts,
        List<Ring> rings) {

    public record Ring(String name, int position, String state, int batchSize, int failureBudget,
            boolean manualPromotion, long soakSeconds, Map<String, Long> counts, List<Host> hosts) {
    }

    public record Host(String name, Integer batch, String state, String message, Instant startedAt,
            Instant finishedAt) {
    }
}
