package io.patchflow.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts by label (state -> rows) read with one grouped query and kept for a few seconds, so that a gauge per label
 * costs one query per {@code maxAge}, not one query per label per scrape. A label the query did not return counts 0.
 */
public final class CachedCounts {

    private final Supplier<Map<String, Long>> query;
    private final Duration maxAge;
    private final Clock clock;
    private Map<String, Long> counts = Map.of();
    private Instant readAt = Instant.MIN;

    public CachedCounts(Supplier<Map<String, Long>> query, Duration maxAge) {
        this(query, maxAge, Clock.systemUTC());
    }

    CachedCounts(Supplier<Map<String, Long>> query, Duration maxAge, Clock clock) {
        this.query = query;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Scrapes come from one thread at a time in practice; synchronized keeps a burst to one query anyway. */
    public synchronized long get(String label) {
        Instant now = clock.instant();
        if (readAt.plus(maxAge).isBefore(now)) {
            counts = Map.copyOf(query.get());
            readAt = now;
        }
        return counts.getOrDefault(label, 0L);
    }
}
