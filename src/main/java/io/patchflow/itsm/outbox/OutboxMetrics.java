package io.patchflow.itsm.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.patchflow.shared.CachedCounts;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code patchflow_ticket_updates{state}}: the ticket queue's depth, pending (waiting for delivery or a retry) and
 * stalled (out of attempts; the change's later updates wait behind it), from one grouped query every 5 s.
 */
@Component
class OutboxMetrics {

    private final CachedCounts counts;

    OutboxMetrics(OutboxStore store, MeterRegistry registry) {
        this.counts = new CachedCounts(store::openByState, Duration.ofSeconds(5));
        for (String state : new String[] {OutboxStore.PENDING, OutboxStore.STALLED}) {
            Gauge.builder("patchflow.ticket.updates", counts, c -> c.get(state))
                    .strongReference(true).description("Queued ticket updates not yet delivered, by state")
                    .tag("state", state)
                    .register(registry);
        }
    }

    long stalled() {
        return counts.get(OutboxStore.STALLED);
    }
}
