package io.patchflow.deployment;

import java.time.Duration;

/**
 * The result of one batch with what the process needs next: whether to go on, and how the following ring is
 * promoted ({@code lastRing}: no promotion step; otherwise manual, or automatic after {@code soak}).
 */
public record BatchReport(BatchOutcome outcome, String ring, int batch, int succeeded, int failed, int budget,
        boolean lastRing, boolean manualPromotion, Duration soak) {
}
