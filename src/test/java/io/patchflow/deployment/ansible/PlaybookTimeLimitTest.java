package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.ansible.AnsibleProperties.HostSettings;
import io.patchflow.deployment.ansible.AnsibleProperties.RebootPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time limit and cancellation with the real {@code ansible-playbook}: a group playbook that sleeps on this machine
 * (Ansible's local connection) is stopped, its host fails saying why, and no process of the run is left behind.
 */
class PlaybookTimeLimitTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void ansibleInstalled() {
        DebianLab.requireAnsiblePlaybook();
    }

    @Test
    void aRunOverItsTimeLimitIsKilledWithItsProcessTreeAndItsHostsFailAsTimedOut() {
        String marker = "301." + System.nanoTime() % 100000;
        List<Object> audit = new ArrayList<>();
        AnsibleProperties properties = properties(tmp, marker, Duration.ofSeconds(4));
        AnsibleRuns runs = new AnsibleRuns(properties, new PlaybookRunner(), audit::add);

        long start = System.nanoTime();
        AnsibleRuns.Result result = runs.execute(new DeploymentRun("CHG-T1", "production", 1, "canary", 1),
                PlaybookAction.PATCH, List.of(host(properties)), Path.of("src/test/resources/ansible/sleep.yml"));
        HostOutcome outcome = HostOutcomes.of("ctl-1", result, Duration.ofSeconds(4));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertThat(outcome.state()).isEqualTo(HostState.FAILED);
        assertThat(outcome.message()).startsWith("timed out after 4s");
        assertThat(sleepers(marker)).as("no worker keeps running after the time limit").isEmpty();
        assertThat(audit).singleElement().asString().contains("deployment.ansible.run")
                .contains("stopped at its time limit");
        assertThat(tmp.resolve("runs").toFile().list()).as("run directories are cleaned up").isEmpty();
    }

    @Test
    void cancellingTheChangeStopsItsRunAndItsHostsFailAsCancelled() throws Exception {
        String marker = "302." + System.nanoTime() % 100000;
        PlaybookRunner runner = new PlaybookRunner();
        AnsibleProperties properties = properties(tmp, marker, Duration.ofMinutes(5));
        AnsibleRuns runs = new AnsibleRuns(properties, runner, event -> { });

        CompletableFuture<AnsibleRuns.Result> running = CompletableFuture.supplyAsync(() -> runs.execute(
                new DeploymentRun("CHG-T2", "production", 1, "pilot", 2), PlaybookAction.PATCH, List.of(host(properties)),
                Path.of("src/test/resources/ansible/sleep.yml")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sleepers(marker).isEmpty() && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sleepers(marker)).as("the playbook got as far as its sleep (%s)", running.isDone()
                ? HostOutcomes.of("ctl-1", running.get(), Duration.ofMinutes(5)).message() : "running").isNotEmpty();
        assertThat(runner.cancel("CHG-OTHER")).as("another change's cancellation stops nothing").isZero();

        assertThat(runner.cancel("CHG-T2")).isEqualTo(1);
        HostOutcome outcome = HostOutcomes.of("ctl-1", running.get(60, TimeUnit.SECONDS), Duration.ofMinutes(5));

        assertThat(outcome.state()).isEqualTo(HostState.FAILED);
        assertThat(outcome.message()).startsWith("cancelled: the change was cancelled");
        assertThat(sleepers(marker)).isEmpty();
    }

    /** Ansible's local connection on this machine; the group playbook sleep.yml sleeps with {@code marker}. */
    static AnsibleProperties properties(Path tmp, String marker, Duration timeout) {
        HostSettings local = new HostSettings(Map.of("ansible_connection", "local", "lab_sleep_marker", marker),
                null, null, null, null, null, null);
        return new AnsibleProperties(null, tmp.resolve("runs"), 2, timeout, false, null, null, null, false,
                RebootPolicy.NEVER, null, false, local, null);
    }

    static PlannedHost host(AnsibleProperties properties) {
        return new PlannedHost("ctl-1", PackageManager.APT, properties.settingsFor(List.of()), List.of());
    }

    /** The processes of sleep.yml's sleep with {@code marker}: what must not outlive a stopped run. */
    static List<ProcessHandle> sleepers(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep " + marker))
                .toList();
    }
}
