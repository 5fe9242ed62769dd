package io.patchflow.deployment.ansible;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code deploymentBackend} component of /actuator/health with the Ansible back end: up when the configured
 * {@code ansible-playbook} starts and answers {@code --version}. Python's start-up takes about a second, so the answer
 * is kept for a minute rather than paid on every probe.
 */
class AnsibleHealth implements HealthIndicator {

    private static final Duration KEEP = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String command;
    private final Clock clock;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    AnsibleHealth(String command, Clock clock) {
        this.command = command;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || checkedAt.plus(KEEP).isBefore(now)) {
            last = check();
            checkedAt = now;
        }
        return last;
    }

    private Health check() {
        Health.Builder health = Health.unknown().withDetail("backend", "ansible").withDetail("command", command);
        Process process;
        try {
            process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return health.down().withDetail("error", "cannot start " + command + ": " + e.getMessage()).build();
        }
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return health.down().withDetail("error", command + " --version did not answer within " + TIMEOUT)
                        .build();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String firstLine = output.lines().findFirst().orElse("");
            return process.exitValue() == 0 ? health.up().withDetail("version", firstLine).build()
                    : health.down().withDetail("error", command + " --version exited with " + process.exitValue()
                            + ": " + firstLine).build();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return health.down().withDetail("error", "interrupted").build();
        } catch (IOException e) {
            return health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
