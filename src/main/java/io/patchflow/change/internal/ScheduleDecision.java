package io.patchflow.change.internal;

import java.time.Instant;

/** Where scheduling put a change: the window start, and whether an emergency needs a freeze override first. */
public record ScheduleDecision(Instant windowStart, boolean freezeOverrideRequested, String freeze) {
}
