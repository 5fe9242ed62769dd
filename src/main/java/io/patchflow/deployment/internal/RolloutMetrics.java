package io.patchflow.deployment.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.patchflow.deployment.HostState;
import io.patchflow.shared.CachedCounts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code patchflow_rollout_hosts{state}}: the hosts of rollouts not completed (running or halted), by state, from one
 * grouped query every 5 s. Completed rollouts are left out: their hosts would swamp the figure that shows work in
 * progress, and the query would grow with the history.
 */
@Component
class RolloutMetrics {

    RolloutMetrics(JdbcClient jdbc, MeterRegistry registry) {
        CachedCounts counts = new CachedCounts(() -> byState(jdbc), Duration.ofSeconds(5));
        for (HostState state : HostState.values()) {
            Gauge.builder("patchflow.rollout.hosts", counts, c -> c.get(state.name()))
                    .strongReference(true).description("Hosts of rollouts not completed, by state")
                    .tag("state", state.name()).register(registry);
        }
    }

    private static Map<String, Long> byState(JdbcClient jdbc) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT h.state, COUNT(*) AS n FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id "
                + "JOIN dep_rollout o ON o.id = r.rollout_id WHERE o.state <> 'COMPLETED' GROUP BY h.state")
                .query(rs -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }
}
