package io.patchflow.deployment.simulator;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated fleet: {@code failureRate} (0..1) of hosts fail at random, {@code unreachableRate} of the failures
 * are unreachable rather than failed, {@code rebootRate} of successes need a reboot, each host takes
 * {@code latency}; hosts whose name matches {@code failingHosts} (a regular expression) always fail, which is how
 * demos and tests make a ring breach its budget. {@code seed} makes runs repeatable.
 */
@ConfigurationProperties("patchflow.simulator")
public record SimulatorProperties(double failureRate, double unreachableRate, double rebootRate, Duration latency,
        String failingHosts, long seed) {

    public SimulatorProperties {
        if (failureRate < 0 || failureRate > 1 || unreachableRate < 0 || unreachableRate > 1 || rebootRate < 0
                || rebootRate > 1) {
            throw new IllegalArgumentException("patchflow.simulator rates must be between 0 and 1");
        }
        latency = latency == null ? Duration.ZERO : latency;
        failingHosts = failingHosts == null || failingHosts.isBlank() ? "(?!)" : failingHosts;
        Pattern.compile(failingHosts);
    }
}
