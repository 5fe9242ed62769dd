package io.patchflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCountsTest {

    private Instant now = Instant.parse("2026-11-22T08:00:00Z");
    private final AtomicInteger queries = new AtomicInteger();
    private final CachedCounts counts = new CachedCounts(() -> Map.of("RUNNING", (long) queries.incrementAndGet()),
            Duration.ofSeconds(5), new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });

    @Test
    void everyLabelOfAScrapeIsServedByOneQuery() {
        assertThat(counts.get("RUNNING")).isEqualTo(1);
        assertThat(counts.get("PENDING")).as("a state without rows counts 0").isZero();
        assertThat(counts.get("RUNNING")).isEqualTo(1);
        assertThat(queries).hasValue(1);
    }

    @Test
    void countsAreReadAgainOnceTheyAreOlderThanTheMaximumAge() {
        counts.get("RUNNING");
        now = now.plusSeconds(5);
        assertThat(counts.get("RUNNING")).as("still fresh at exactly 5 s").isEqualTo(1);
        now = now.plusMillis(1);
        assertThat(counts.get("RUNNING")).isEqualTo(2);
    }
}
