package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host outcomes from the event stream of a real run (src/test/resources/ansible/README.md says what it holds). */
class PlaybookEventsTest {

    private static final Path CAPTURED = Path.of("src/test/resources/ansible/events-patch.jsonl");
    private static final String OLD = "5.4.1-1+deb12u1";
    private static final Duration LIMIT = Duration.ofMinutes(30);

    @TempDir
    Path tmp;

    @Test
    void theRecapDecidesSucceededWithAPendingRebootFailedAndUnreachable() {
        AnsibleRuns.Result run = new AnsibleRuns.Result(PlaybookEvents.read(CAPTURED), exit(4));

        HostOutcome patched = HostOutcomes.of("h1", run, LIMIT);
        assertThat(patched.state()).isEqualTo(HostState.SUCCEEDED_REBOOT_REQUIRED);
        assertThat(patched.message()).contains("reboot policy is never");

        HostOutcome unhealthy = HostOutcomes.of("h2", run, LIMIT);
        assertThat(unhealthy.state()).isEqualTo(HostState.FAILED);
        assertThat(unhealthy.message()).as("names the task and which check failed")
                .startsWith("task 'patchflow: health check' failed: 'test ! -e /etc/lab-broken'")
                .contains("exit status 1");

        HostOutcome unreachable = HostOutcomes.of("h3", run, LIMIT);
        assertThat(unreachable.state()).isEqualTo(HostState.UNREACHABLE);
        assertThat(unreachable.message()).contains("patchflow: installed versions").contains("Connection refused");
        assertThat(unreachable.previousVersions()).isEmpty();
    }

    @Test
    void previousVersionsAreTheOrderedPackagesThatWereInstalledBeforeThePatch() {
        AnsibleRuns.Result run = new AnsibleRuns.Result(PlaybookEvents.read(CAPTURED), exit(4));

        List<PackageTarget> expected = List.of(new PackageTarget("liblzma5", OLD, OLD),
                new PackageTarget("xz-utils", OLD, OLD));
        assertThat(HostOutcomes.of("h1", run, LIMIT).previousVersions()).as("xzdec was ordered but never installed")
                .isEqualTo(expected);
        assertThat(HostOutcomes.of("h2", run, LIMIT).previousVersions()).as("also for a failed host, to roll it back")
                .isEqualTo(expected);
    }

    @Test
    void aRunStoppedAtItsTimeLimitFailsTheHostsStillRunningAndKeepsWhatTheyRecorded() throws IOException {
        List<String> lines = Files.readAllLines(CAPTURED);
        int cut = indexOf(lines, "patchflow: install exact versions (apt)");
        Path partial = tmp.resolve("events.jsonl");
        List<String> kept = new java.util.ArrayList<>(lines.subList(0, cut));
        kept.add(lines.get(cut).substring(0, 40)); // the half-written line of a killed process
        Files.write(partial, kept);
        AnsibleRuns.Result run = new AnsibleRuns.Result(PlaybookEvents.read(partial),
                new RunExit(-1, RunExit.Ended.TIMED_OUT, LIMIT, ""));

        assertThat(run.events().complete()).isFalse();
        HostOutcome stopped = HostOutcomes.of("h1", run, LIMIT);
        assertThat(stopped.state()).isEqualTo(HostState.FAILED);
        assertThat(stopped.message()).startsWith("timed out after 30m").contains("last task finished");
        assertThat(stopped.previousVersions()).hasSize(2);
        assertThat(HostOutcomes.of("h3", run, LIMIT).state()).as("its own failure came first")
                .isEqualTo(HostState.UNREACHABLE);
    }

    @Test
    void aRunThatEndedWithoutAResultForAHostFailsItWithAnsiblesOwnMessage() {
        AnsibleRuns.Result run = new AnsibleRuns.Result(PlaybookEvents.read(tmp.resolve("none.jsonl")),
                new RunExit(4, RunExit.Ended.FINISHED, Duration.ofSeconds(2), "ERROR! the playbook could not be read"));

        HostOutcome outcome = HostOutcomes.of("web-1", run, LIMIT);

        assertThat(outcome.state()).isEqualTo(HostState.FAILED);
        assertThat(outcome.message()).isEqualTo("ansible-playbook exited with status 4 without a result for this "
                + "host: ERROR! the playbook could not be read");
    }

    @Test
    void timeLimitsAreWrittenAsPeopleWriteThem() {
        assertThat(HostOutcomes.human(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(HostOutcomes.human(Duration.ofSeconds(5400))).isEqualTo("1h 30m");
        assertThat(HostOutcomes.human(Duration.ofSeconds(3))).isEqualTo("3s");
    }

    private static RunExit exit(int code) {
        return new RunExit(code, RunExit.Ended.FINISHED, Duration.ofSeconds(18), "");
    }

    private static int indexOf(List<String> lines, String task) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"v2_runner_on_ok\"") && lines.get(i).contains(task)) {
                return i;
            }
        }
        throw new AssertionError("no result of " + task);
    }
}
