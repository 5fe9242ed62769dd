package io.patchflow.itsm.outbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code ticketSystem} component of /actuator/health. The built-in register is part of Patchflow's database and is
 * up whenever the database is; Jira is down while an update is stalled (out of attempts), since the tickets no longer
 * follow the changes until someone retries it (docs/jira.md).
 */
@Component("ticketSystemHealthIndicator")
class TicketSystemHealth implements HealthIndicator {

    private final OutboxMetrics queue;
    private final String system;

    TicketSystemHealth(OutboxMetrics queue, @Value("${patchflow.itsm.system:local}") String system) {
        this.queue = queue;
        this.system = system;
    }

    @Override
    public Health health() {
        long stalled = queue.stalled();
        Health.Builder health = "jira".equals(system) && stalled > 0 ? Health.down() : Health.up();
        return health.withDetail("system", system).withDetail("stalledUpdates", stalled).build();
    }
}
