package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.RolloutPlanned;
import io.patchflow.deployment.RolloutProperties;
import io.patchflow.deployment.RolloutView;
import io.patchflow.deployment.Rollouts;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.PackageInput;
import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Ansible back end against real Debian 12 hosts (chroots of {@link DebianLab}), each batch a real
 * {@code ansible-playbook} run, every host checked with {@code dpkg-query}: a whole change through Camunda (test
 * stage, then the canary, pilot and broad rings of the test context's production plan, see PostgresIntegrationTest,
 * then verification through {@code package_facts}), and a breached ring rolled back, driven through the deployment
 * module's API. This context differs from the shared one (PostgresIntegrationTest) in its back end, so it is a context
 * of its own, on a schema of its own, closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
@TestPropertySource(properties = {
        "patchflow.deployment.backend=ansible",
        "patchflow.deployment.ansible.update-cache=false",
        "patchflow.deployment.ansible.forks=5",
        "patchflow.deployment.ansible.timeout=5m",
        "patchflow.deployment.ansible.defaults.vars.ansible_connection=community.general.chroot",
        "patchflow.deployment.ansible.defaults.health-commands[0]=test ! -e /etc/patchflow-lab-unhealthy",
        "patchflow.deployment.ansible.groups.reboot-pending.pre-hooks[0]=touch /var/run/reboot-required"})
class AnsibleLabIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    private static final Path LAB = Path.of("target", "ansible-lab", UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    /** A schema of its own: the shared context's job executor must not run this context's changes, nor the reverse. */
    private static final String SCHEMA = TestPostgres.newSchema("pf_lab_");
    private static DebianLab lab;

    @Autowired
    Rollouts rollouts;
    @Autowired
    InventoryImport inventory;
    @Autowired
    Fleet fleet;

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        // The shared context's settings (the demo profile's rings without soak time), in the lab's own schema.
        PostgresIntegrationTest.postgres(registry, () -> SCHEMA);
        registry.add("patchflow.deployment.ansible.defaults.vars.ansible_host", () -> LAB.resolve("hosts") + "/{host}");
        registry.add("patchflow.deployment.ansible.work-dir", () -> LAB.resolve("runs").toString());
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.destroy();
        }
        DebianLab.requireNothingMounted(LAB);
        DebianLab.delete(LAB);
    }

    private static synchronized DebianLab lab() {
        if (lab == null) {
            lab = DebianLab.open(LAB.resolve("hosts"));
        }
        return lab;
    }

    @Test
    void aChangeGoesThroughTestCanaryPilotAndBroadOnRealHostsAndPackageFactsVerifyIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> environments = new LinkedHashMap<>();
        environments.put("lab-" + tag + "-t1", "test");
        environments.put("lab-" + tag + "-s1", "staging");
        environments.put("lab-" + tag + "-p1", "prod");
        environments.put("lab-" + tag + "-p2", "prod");
        environments.put("lab-" + tag + "-p3", "prod");
        List<String> hosts = new ArrayList<>(environments.keySet());
        String rebooter = hosts.get(4);
        importLabHosts(environments, rebooter);
        String advisory = "PF-LAB-" + tag.toUpperCase(java.util.Locale.ROOT);
        mvc.perform(post("/api/v1/advisories").with(httpBasic("alice", "alice")).contentType(MediaType.APPLICATION_JSON)
                .content(advisory(advisory))).andExpect(status().isOk());

        String body = json.writeValueAsString(Map.of("title", "Patch xz-utils (lab)", "advisories", List.of(advisory),
                "hosts", hosts));
        String change = json.readTree(mvc.perform(post("/api/v1/changes").with(httpBasic("alice", "alice"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).path("id").asText();
        JsonNode ended = awaitEnd(change);

        assertThat(ended.path("state").asText()).as("%s", ended).isEqualTo("CLOSED");
        assertThat(ended.path("outcome").asText()).isEqualTo("VERIFIED");
        for (String host : hosts) {
            for (String binary : DebianLab.BINARIES) {
                assertThat(lab().installed(host, binary)).as("%s on %s", binary, host).isEqualTo(lab().fixedVersion);
            }
            InstalledPackage refreshed = xzUtils(host);
            assertThat(refreshed.version()).as("package_facts of %s in the inventory", host)
                    .isEqualTo(lab().fixedVersion);
            assertThat(refreshed.sourceVersion()).isEqualTo(lab().fixedVersion);
            assertThat(fleet.packages(host)).as("the whole package list of %s, not only the patched", host)
                    .hasSizeGreaterThan(50);
        }
        Map<String, String> states = new LinkedHashMap<>();
        rollouts.forChange(change).forEach(stage -> stage.rings().forEach(r -> r.hosts().forEach(h -> states.put(
                h.name(), stage.stage() + "/" + r.name() + ":" + h.state()))));
        assertThat(states).containsEntry(hosts.get(0), "test/test:SUCCEEDED")
                .containsEntry(hosts.get(1), "production/canary:SUCCEEDED")
                .containsEntry(hosts.get(2), "production/pilot:SUCCEEDED")
                .containsEntry(rebooter, "production/broad:SUCCEEDED_REBOOT_REQUIRED");
        List<String> kinds = auditKinds(change);
        assertThat(kinds).contains("deployment.ansible.run", "verification", "change.sealed");
        assertThat(kinds.stream().filter("deployment.ansible.run"::equals)).as("one run per batch: test, canary, "
                + "pilot, two broad batches").hasSize(5);
    }

    @Test
    void aFailedHealthCheckBreachesTheRingWhoseHostsAreRolledBackToTheRecordedVersions() throws Exception {
        List<String> hosts = fleet("brk", 5, null);
        String change = "CHG-LAB-BRK-" + UUID.randomUUID().toString().substring(0, 6);
        RolloutPlanned planned = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false);
        List<String> pilot = ring(change, "pilot");
        String unhealthy = pilot.get(pilot.size() - 1);
        Files.writeString(LAB.resolve("hosts").resolve(unhealthy).resolve("etc/patchflow-lab-unhealthy"), "");

        List<BatchReport> reports = deployAll(planned.rolloutId());
        assertThat(reports.get(reports.size() - 1).outcome()).isEqualTo(BatchOutcome.BUDGET_BREACHED);
        assertThat(reports.get(reports.size() - 1).ring()).isEqualTo("pilot");
        assertThat(lab().installed(pilot.get(0), "xz-utils")).as("patched before the breach")
                .isEqualTo(lab().fixedVersion);
        assertThat(hostView(change, unhealthy).message()).as("names the check that failed")
                .contains("patchflow: health check").contains("test ! -e /etc/patchflow-lab-unhealthy");

        int restored = 0;
        for (int n; (n = rollouts.rollbackLatestBatch(planned.rolloutId())) > 0; ) {
            restored += n;
        }
        rollouts.halt(planned.rolloutId(), "pilot over its failure budget");

        assertThat(restored).isEqualTo(pilot.size());
        for (String host : pilot) {
            for (String binary : DebianLab.BINARIES) {
                assertThat(lab().installed(host, binary)).as("%s on rolled back %s", binary, host)
                        .isEqualTo(lab().oldVersion);
            }
            assertThat(hostStates(change)).containsEntry(host, "ROLLED_BACK");
        }
        List<String> canary = ring(change, "canary");
        for (String host : canary) {
            assertThat(lab().installed(host, "xz-utils")).as("completed ring %s", host).isEqualTo(lab().fixedVersion);
            assertThat(lab().installed(host, DebianLab.NOT_INSTALLED)).as("ordered, but not installed before")
                    .isNull();
        }
        ring(change, "broad").forEach(h -> assertThat(lab().installed(h, "xz-utils")).as("never reached: %s", h)
                .isEqualTo(lab().oldVersion));
    }

    @Test
    void anOperatorRefreshesTheInventoryFromTheHostsThemselvesThroughPackageFacts() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String host = "lab-" + tag + "-r1";
        // The inventory says xz-utils is at the fixed version; the host really has the old one.
        lab().host(host);
        inventory.importHosts(List.of(new HostInput(host, "Debian:12", "prod", List.of("lab"), "medium", false,
                DebianLab.BINARIES.stream().map(b -> new PackageInput(b, lab().fixedVersion, DebianLab.SOURCE,
                        lab().fixedVersion, "amd64", null, null)).toList())), "lab");
        String appliance = "lab-" + tag + "-appliance";
        inventory.importHosts(List.of(new HostInput(appliance, "Alpine:v3.19", "prod", List.of("lab"), "medium",
                false, List.of())), "lab");

        String answer = mvc.perform(post("/api/v1/inventory/refresh").with(httpBasic("alice", "alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("hosts", List.of(host, appliance)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        JsonNode refresh = json.readTree(answer);
        assertThat(refresh.path("refreshed")).extracting(JsonNode::asText).containsExactly(host);
        assertThat(refresh.path("notRefreshed").path(appliance).asText()).contains("no package manager known");
        assertThat(xzUtils(host).version()).as("what package_facts read on the host").isEqualTo(lab().oldVersion);
        assertThat(fleet.packages(host)).as("the whole package list").hasSizeGreaterThan(50);
    }

    private void importLabHosts(Map<String, String> environments, String rebooter) {
        List<HostInput> inputs = new ArrayList<>();
        environments.forEach((name, environment) -> {
            lab().host(name);
            inputs.add(new HostInput(name, "Debian:12", environment, name.equals(rebooter) ? List.of("lab",
                    "reboot-pending") : List.of("lab"), "medium", false, vulnerablePackages()));
        });
        inventory.importHosts(inputs, "lab");
    }

    private List<PackageInput> vulnerablePackages() {
        return DebianLab.BINARIES.stream().map(b -> new PackageInput(b, lab().oldVersion, DebianLab.SOURCE,
                lab().oldVersion, "amd64", null, null)).toList();
    }

    /** An OSV advisory for the source package, fixed in the version bookworm-security has; CVSS 5.3: standard. */
    private String advisory(String id) {
        return """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"lab advisory for xz-utils",
                 "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}"""
                .formatted(id, DebianLab.SOURCE, lab().fixedVersion);
    }

    /** Waits for the change's end (a final state and its sealed trail), at most five minutes. */
    private JsonNode awaitEnd(String change) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json.readTree(mvc.perform(get("/api/v1/changes/{id}", change).with(httpBasic("frank", "frank")))
                    .andReturn().getResponse().getContentAsString());
            if (List.of("CLOSED", "REJECTED", "CANCELLED", "ABORTED", "NOT_AFFECTED", "ROLLOUT_HALTED", "REMEDIATION")
                    .contains(last.path("state").asText()) && (auditKinds(change).contains("change.sealed")
                    || !List.of("CLOSED", "ABORTED").contains(last.path("state").asText()))) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the change did not end within 5 minutes: " + last);
    }

    /** Hosts {@code lab-<tag>-1..n} in production, the first also in {@code firstGroup} when given. */
    private List<String> fleet(String tag, int n, String firstGroup) {
        List<String> names = new ArrayList<>();
        List<HostInput> inputs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = "lab-" + tag + "-" + i;
            names.add(name);
            lab().host(name);
            List<String> groups = i == 1 && firstGroup != null ? List.of("lab", firstGroup) : List.of("lab");
            inputs.add(new HostInput(name, "Debian:12", "prod", groups, "medium", false, vulnerablePackages()));
        }
        inventory.importHosts(inputs, "lab");
        for (String host : names) {
            assertThat(lab().installed(host, "xz-utils")).as("the lab starts vulnerable").isEqualTo(lab().oldVersion);
        }
        return names;
    }

    /** What the change asks for: the fixed version of every binary of the source, xzdec included (not installed). */
    private List<PatchOrder> orders(List<String> hosts) {
        List<PackageTarget> targets = Stream.concat(DebianLab.BINARIES.stream(), Stream.of(DebianLab.NOT_INSTALLED))
                .map(b -> new PackageTarget(b, lab().fixedVersion, lab().fixedVersion)).toList();
        return hosts.stream().map(h -> new PatchOrder(h, targets)).toList();
    }

    private List<BatchReport> deployAll(long rolloutId) {
        List<BatchReport> reports = new ArrayList<>();
        while (true) {
            BatchReport report = rollouts.deployNextBatch(rolloutId, null);
            reports.add(report);
            if (report.outcome() == BatchOutcome.BUDGET_BREACHED
                    || (report.outcome() == BatchOutcome.RING_COMPLETED && report.lastRing())) {
                return reports;
            }
        }
    }

    private RolloutView.Ring ringView(String change, String name) {
        return rollouts.forChange(change).get(0).rings().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private List<String> ring(String change, String name) {
        return ringView(change, name).hosts().stream().map(RolloutView.Host::name).toList();
    }

    private RolloutView.Host hostView(String change, String host) {
        return rollouts.forChange(change).get(0).rings().stream().flatMap(r -> r.hosts().stream())
                .filter(h -> h.name().equals(host)).findFirst().orElseThrow();
    }

    private Map<String, String> hostStates(String change) {
        Map<String, String> states = new LinkedHashMap<>();
        rollouts.forChange(change).get(0).rings().forEach(r -> r.hosts().forEach(h -> states.put(h.name(),
                h.state())));
        return states;
    }

    private InstalledPackage xzUtils(String host) {
        return fleet.packages(host).stream().filter(p -> p.name().equals("xz-utils")).findFirst().orElseThrow();
    }

    private static List<String> auditKinds(String change) throws Exception {
        List<String> kinds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestPostgres.schemaUrl(SCHEMA), TestPostgres.USER,
                TestPostgres.PASSWORD); PreparedStatement s = c.prepareStatement(
                "SELECT kind FROM audit_entry WHERE change_id = ? ORDER BY seq")) {
            s.setString(1, change);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kinds.add(rs.getString(1));
                }
            }
        }
        return kinds;
    }
}
