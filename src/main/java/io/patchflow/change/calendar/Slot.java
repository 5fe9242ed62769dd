package io.patchflow.change.calendar;

import java.time.Instant;

/** When a change may start: {@code start}; {@code freeze} names the blackout an emergency would have to break. */
public record Slot(Instant start, Blackout freeze) {
}
