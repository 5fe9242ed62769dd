package io.patchflow.change.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.patchflow.change.ChangeState;
import io.patchflow.shared.CachedCounts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code patchflow_changes{state}}: how many changes stand in each state, from one grouped query every 5 s. */
@Component
class ChangeMetrics {

    ChangeMetrics(JdbcClient jdbc, MeterRegistry registry) {
        CachedCounts counts = new CachedCounts(() -> byState(jdbc), Duration.ofSeconds(5));
        for (ChangeState state : ChangeState.values()) {
            Gauge.builder("patchflow.changes", counts, c -> c.get(state.name()))
                    .strongReference(true).description("Changes by state").tag("state", state.name())
                    .register(registry);
        }
    }

    private static Map<String, Long> byState(JdbcClient jdbc) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT state, COUNT(*) AS n FROM chg_change GROUP BY state")
                .query(rs -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }
}
