package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.ansible.AnsibleProperties.HostSettings;
import io.patchflow.deployment.ansible.AnsibleProperties.RebootPolicy;
import io.patchflow.inventory.HostView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated inventory: connection and patch variables per host, exact versions, and no secret anywhere. */
class InventoryRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "s3cret-become-pw";

    @TempDir
    Path tmp;

    @Test
    void eachHostGetsItsGroupsConnectionAndTheExactVersionsItsPackageManagerTakes() throws Exception {
        AnsibleProperties properties = properties(RebootPolicy.IF_REQUIRED);
        List<PlannedHost> hosts = List.of(
                backend(properties).plan(new PatchOrder("web-1", List.of(new PackageTarget("libssl3", "3.0.17-1~deb12u3",
                        "3.0.17-1~deb12u3"))), new HostView("web-1", "Debian:12", "prod", List.of("web"), "high", true)),
                backend(properties).plan(new PatchOrder("db-1", List.of(new PackageTarget("openssl", "1:3.0.7-27.el9",
                        null), new PackageTarget("bash", "0:5.1.8-9.el9", null))),
                        new HostView("db-1", "Red Hat:9", "prod", List.of("db", "web"), "high", false)));

        JsonNode inventory = JSON.readTree(InventoryRenderer.render(hosts, PlaybookAction.PATCH, properties,
                new DeploymentRun("CHG-42", "production", 2, "broad", 3)));

        JsonNode web = inventory.path("all").path("hosts").path("web-1");
        assertThat(web.path("ansible_host").asText()).isEqualTo("web-1.example.org");
        assertThat(web.path("ansible_user").asText()).as("from the defaults").isEqualTo("patchflow");
        assertThat(web.path("patchflow_family").asText()).isEqualTo("debian");
        assertThat(web.path("patchflow_reboot").asText()).isEqualTo("if-required");
        assertThat(web.path("patchflow_packages").get(0).path("spec").asText()).isEqualTo("libssl3=3.0.17-1~deb12u3");
        assertThat(web.path("patchflow_health_commands").get(0).asText()).isEqualTo("curl -fsS http://localhost/");
        assertThat(web.path("patchflow_applied_dir").asText()).isEqualTo("/var/lib/patchflow/applied");
        assertThat(web.path("patchflow_applied_key").asText()).as("the marker of this change, stage and attempt")
                .isEqualTo("CHG-42-production-a2");

        JsonNode db = inventory.path("all").path("hosts").path("db-1");
        assertThat(db.path("ansible_host").asText()).as("its first configured group wins").isEqualTo("10.0.0.5");
        assertThat(db.path("ansible_user").asText()).isEqualTo("patchflow");
        assertThat(db.path("patchflow_family").asText()).isEqualTo("redhat");
        assertThat(db.path("patchflow_packages").findValuesAsText("spec"))
                .containsExactly("openssl-1:3.0.7-27.el9", "bash-5.1.8-9.el9");
        assertThat(db.path("patchflow_health_services").get(0).asText()).isEqualTo("postgresql");
        assertThat(db.path("patchflow_pre_hooks").get(0).asText()).isEqualTo("pg_ctl checkpoint");
    }

    @Test
    void aRollbackDowngradesAndNeverReboots() throws Exception {
        AnsibleProperties properties = properties(RebootPolicy.ALWAYS);
        PlannedHost host = backend(properties).plan(new PatchOrder("web-1", List.of(new PackageTarget("xz-utils",
                "5.4.1-1+deb12u1", "5.4.1-1+deb12u1"))), new HostView("web-1", "Debian:12", "prod", List.of(), "low",
                false));

        JsonNode vars = JSON.readTree(InventoryRenderer.render(List.of(host), PlaybookAction.ROLLBACK, properties,
                new DeploymentRun("CHG-42", "production", 1, "broad", 1))).path("all").path("hosts").path("web-1");

        assertThat(vars.path("patchflow_action").asText()).isEqualTo("rollback");
        assertThat(vars.has("patchflow_applied_key")).as("a rollback restores recorded versions; no marker").isFalse();
        assertThat(vars.path("patchflow_reboot").asText()).isEqualTo("never");
    }

    @Test
    void theBecomePasswordIsInNoInventoryNoCommandNoLogLineButInAnOwnerOnlyFileDeletedAfterTheRun() throws Exception {
        AnsibleProperties properties = properties(RebootPolicy.NEVER);
        PlannedHost host = backend(properties).plan(new PatchOrder("web-1", List.of()), new HostView("web-1",
                "Debian:12", "prod", List.of("web"), "low", false));
        AnsibleRuns runs = new AnsibleRuns(properties, new PlaybookRunner(), event -> { });

        assertThat(InventoryRenderer.render(List.of(host), PlaybookAction.PATCH, properties, null))
                .doesNotContain(PASSWORD);
        assertThat(String.join(" ", runs.command(tmp.resolve("inventory.json"), tmp.resolve("run.yml"))))
                .doesNotContain(PASSWORD).contains("--private-key /etc/patchflow/id_ed25519").contains("--become");
        assertThat(properties.toString()).doesNotContain(PASSWORD).contains("becomePassword=(set)");

        RunDirectory dir = RunDirectory.create(tmp, "CHG-1/../x", false);
        Path secret = dir.secret(PASSWORD);
        assertThat(dir.path().getParent()).as("a hostile run name stays in the work dir").isEqualTo(tmp);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
        dir.close();
        assertThat(secret).doesNotExist();
        assertThat(dir.path()).doesNotExist();
    }

    @Test
    void namesAndVersionsThatAnsibleWouldTemplateOrAShellWouldSplitAreRefused() {
        AnsibleProperties properties = properties(RebootPolicy.NEVER);
        HostView host = new HostView("web-1", "Debian:12", "prod", List.of(), "low", false);
        AnsibleDeploymentBackend backend = backend(properties);

        assertThatThrownBy(() -> backend.plan(new PatchOrder("web-1", List.of(new PackageTarget("xz-utils",
                "{{ lookup('pipe', 'id') }}", null))), host)).hasMessageContaining("is not a version of xz-utils");
        assertThatThrownBy(() -> backend.plan(new PatchOrder("web-1", List.of(new PackageTarget("xz utils; rm -rf /",
                "1.0", null))), host)).hasMessageContaining("is not a package name");
        assertThatThrownBy(() -> backend.plan(new PatchOrder("{{ x }}", List.of()), host))
                .hasMessageContaining("is not a host name");
        assertThatThrownBy(() -> backend.plan(new PatchOrder("web-1", List.of()), null))
                .hasMessage("web-1 is not in Patchflow's inventory");
        assertThatThrownBy(() -> backend.plan(new PatchOrder("win-1", List.of()), new HostView("win-1", "Windows:11",
                "prod", List.of(), "low", false))).hasMessageContaining("no package manager known for os 'Windows:11'");
    }

    @Test
    void aHealthServiceThatIsNotAServiceNameIsRefusedAtStartup() {
        assertThatThrownBy(() -> new AnsibleProperties(null, null, 0, null, false, null, null, null, false, null, null,
                null, new HostSettings(null, null, null, null, null, null, List.of("nginx; reboot")), null))
                .hasMessageContaining("'nginx; reboot' is not a service name");
    }

    @Test
    void aPasswordAsAHostVariableIsRefusedBecauseTheInventoryIsWrittenToDisk() {
        assertThatThrownBy(() -> new AnsibleProperties(null, null, 0, null, false, null, null, null, false, null, null,
                null, new HostSettings(Map.of("ansible_become_password", "x"), null, null, null, null, null, null),
                null)).hasMessageContaining("'ansible_become_password' looks like a secret");
    }

    private AnsibleProperties properties(RebootPolicy reboot) {
        HostSettings defaults = new HostSettings(Map.of("ansible_host", "{host}.example.org", "ansible_user",
                "patchflow"), null, null, null, null, List.of("curl -fsS http://localhost/"), null);
        HostSettings db = new HostSettings(Map.of("ansible_host", "10.0.0.5"), Path.of("/etc/patchflow/db.yml"), null,
                List.of("pg_ctl checkpoint"), null, null, List.of("postgresql"));
        HostSettings web = new HostSettings(Map.of("ansible_host", "{host}.example.org"), null, null, null, null,
                null, null);
        Map<String, HostSettings> groups = new LinkedHashMap<>();
        groups.put("db", db);
        groups.put("web", web);
        return new AnsibleProperties(null, tmp, 5, Duration.ofMinutes(5), false,
                Path.of("/etc/patchflow/id_ed25519"), PASSWORD, null, true, reboot, null, null, defaults, groups);
    }

    private static AnsibleDeploymentBackend backend(AnsibleProperties properties) {
        return new AnsibleDeploymentBackend(null, properties, null, null, null);
    }
}
