package io.patchflow.deployment.simulator;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The {@code deploymentBackend} component of /actuator/health: the simulated fleet runs in-process, always up. */
@Component("deploymentBackendHealthIndicator")
@ConditionalOnProperty(name = "patchflow.deployment.backend", havingValue = "simulator", matchIfMissing = true)
class SimulatorHealth implements HealthIndicator {

    @Override
    public Health health() {
        return Health.up().withDetail("backend", "simulator").build();
    }
}
