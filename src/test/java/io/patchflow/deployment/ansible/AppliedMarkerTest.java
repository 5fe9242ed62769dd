package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.ansible.AnsibleProperties.HostSettings;
import io.patchflow.deployment.ansible.AnsibleProperties.RebootPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ansible back end's side of the DeploymentBackend contract, with the real {@code ansible-playbook} on this
 * machine (local connection) and Patchflow's own record-versions.yml and mark-applied.yml around a group playbook
 * that counts its runs: a batch sent again with the same change, stage and attempt is not applied again and is
 * answered with the versions recorded before the first patch; a new attempt is applied again.
 */
class AppliedMarkerTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void ansibleInstalled() {
        DebianLab.requireAnsiblePlaybook();
    }

    @Test
    void aBatchSentAgainForTheSameChangeAndAttemptIsNotAppliedTwiceAndAnswersTheFirstPreviousVersions()
            throws Exception {
        Path count = tmp.resolve("count");
        AnsibleProperties properties = properties(count);
        AnsibleRuns runs = new AnsibleRuns(properties, new PlaybookRunner(), event -> { });
        // dpkg-query reads this machine's real version of a package every Debian system has.
        PlannedHost host = new PlannedHost("ctl-1", PackageManager.APT, properties.settingsFor(List.of()),
                List.of(new PackageTarget("base-files", "99", "99")));
        Path playbook = Path.of("src/test/resources/ansible/count.yml");

        HostOutcome first = HostOutcomes.of("ctl-1", runs.execute(new DeploymentRun("CHG-M1", "production", 1,
                "broad", 1), PlaybookAction.PATCH, List.of(host), playbook), properties.timeout());
        HostOutcome again = HostOutcomes.of("ctl-1", runs.execute(new DeploymentRun("CHG-M1", "production", 1,
                "broad", 2), PlaybookAction.PATCH, List.of(host), playbook), properties.timeout());

        assertThat(first.state()).as(first.message()).isEqualTo(HostState.SUCCEEDED);
        assertThat(first.previousVersions()).extracting(PackageTarget::name).containsExactly("base-files");
        assertThat(again.state()).as(again.message()).isEqualTo(HostState.SUCCEEDED);
        assertThat(again.message()).contains("not patched again");
        assertThat(again.previousVersions()).isEqualTo(first.previousVersions());
        assertThat(Files.readAllLines(count)).as("the group playbook ran once").hasSize(1);
        assertThat(tmp.resolve("applied/CHG-M1-production-a1")).exists();

        HostOutcome retry = HostOutcomes.of("ctl-1", runs.execute(new DeploymentRun("CHG-M1", "production", 2,
                "broad", 1), PlaybookAction.PATCH, List.of(host), playbook), properties.timeout());

        assertThat(retry.state()).isEqualTo(HostState.SUCCEEDED);
        assertThat(retry.message()).isNull();
        assertThat(Files.readAllLines(count)).as("a new attempt is applied again").hasSize(2);
    }

    @Test
    void aHostWhosePatchFailedIsNotMarkedAndIsPatchedWhenSentAgain() throws Exception {
        Path count = tmp.resolve("count");
        AnsibleProperties properties = properties(count);
        AnsibleRuns runs = new AnsibleRuns(properties, new PlaybookRunner(), event -> { });
        PlannedHost host = new PlannedHost("ctl-1", PackageManager.APT, properties.settingsFor(List.of()), List.of());
        // The count file's directory does not exist: the group playbook fails.
        AnsibleProperties failingProperties = properties(tmp.resolve("missing/count"));
        PlannedHost failingHost = new PlannedHost("ctl-1", PackageManager.APT,
                failingProperties.settingsFor(List.of()), List.of());
        HostOutcome failed = HostOutcomes.of("ctl-1", new AnsibleRuns(failingProperties, new PlaybookRunner(),
                event -> { }).execute(new DeploymentRun("CHG-M2", "production", 1, "broad", 1), PlaybookAction.PATCH,
                List.of(failingHost), Path.of("src/test/resources/ansible/count.yml")), properties.timeout());

        assertThat(failed.state()).isEqualTo(HostState.FAILED);
        assertThat(tmp.resolve("applied/CHG-M2-production-a1")).doesNotExist();

        HostOutcome again = HostOutcomes.of("ctl-1", runs.execute(new DeploymentRun("CHG-M2", "production", 1,
                "broad", 1), PlaybookAction.PATCH, List.of(host), Path.of("src/test/resources/ansible/count.yml")),
                properties.timeout());

        assertThat(again.state()).isEqualTo(HostState.SUCCEEDED);
        assertThat(Files.readAllLines(count)).hasSize(1);
    }

    private AnsibleProperties properties(Path count) {
        HostSettings local = new HostSettings(Map.of("ansible_connection", "local", "lab_count_file",
                count.toString(), "patchflow_applied_dir", tmp.resolve("applied").toString()),
                null, null, null, null, null, null);
        return new AnsibleProperties(null, tmp.resolve("runs"), 2, Duration.ofMinutes(2), false, null, null, null,
                false, RebootPolicy.NEVER, null, false, local, null);
    }
}
