package io.patchflow.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout as {@code GET /api/v1/changes/{id}/rollout} shows it: one stage's rings in order, their batches and
 * hosts, and counts of hosts per state (every state, zeros included) for the stage, each ring and each batch.
 */
public record RolloutView(long id, String changeId, String stage, String state, int attempt, int hostCount,
        Map<String, Long> counts, List<Ring> rings) {

    public record Ring(String name, String plan, int position, String state, int batchSize, int failureBudget,
            boolean manualPromotion, long soakSeconds, int hostCount, Map<String, Long> counts, List<Batch> batches,
            List<Host> hosts) {
    }

    public record Batch(int number, int hostCount, Map<String, Long> counts, Instant startedAt, Instant finishedAt) {
    }

    public record Host(String name, Integer batch, String state, String message, Instant startedAt,
            Instant finishedAt) {
    }
}
