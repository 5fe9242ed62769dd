package io.patchflow.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.deployment.RolloutProperties.PlanSpec;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import io.patchflow.deployment.internal.RingAssignment.PlannedRing;
import io.patchflow.inventory.HostView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which host lands in which plan and ring: names, labels, shares of the remaining hosts, plan selection. */
class RingAssignmentTest {

    @Test
    void eachRingTakesItsShareOfTheRemainingHostsLowerEnvironmentsFirst() {
        List<HostView> hosts = new ArrayList<>();
        for (int i = 1; i <= 18; i++) {
            hosts.add(host("prod-%02d".formatted(i), "prod", "web"));
        }
        hosts.add(host("stage-01", "staging", "web"));
        hosts.add(host("stage-02", "staging", "web"));

        Map<RingSpec, List<HostView>> rings = RingAssignment.assignRings(List.of(ring("canary", "10%"),
                ring("pilot", "50%"), ring("broad", "10%")), hosts);

        List<List<String>> names = rings.values().stream().map(RingAssignmentTest::names).toList();
        assertThat(names.get(0)).as("10% of 20 hosts, staging first").containsExactly("stage-01", "stage-02");
        assertThat(names.get(1)).as("50% of the 18 remaining").hasSize(9).startsWith("prod-01").endsWith("prod-09");
        assertThat(names.get(2)).as("the last ring takes the rest whatever its share").hasSize(9)
                .startsWith("prod-10").endsWith("prod-18");
    }

    @Test
    void aShareIsAtLeastOneHostAndACountIsACount() {
        List<HostView> hosts = List.of(host("a", "prod", "web"), host("b", "prod", "web"), host("c", "prod", "web"),
                host("d", "prod", "web"), host("e", "prod", "web"));

        Map<RingSpec, List<HostView>> rings = RingAssignment.assignRings(List.of(ring("canary", "1%"),
                ring("pilot", "2"), ring("broad", "100%")), hosts);

        assertThat(rings.values().stream().map(RingAssignmentTest::names).toList())
                .containsExactly(List.of("a"), List.of("b", "c"), List.of("d", "e"));
    }

    @Test
    void aRingSelectsNamedHostsWithWildcardsAndTheNextRingsTakeTheRest() {
        List<HostView> hosts = List.of(host("db-1", "prod", "db"), host("db-2", "prod", "db"),
                host("web-1", "prod", "web"), host("web.2", "prod", "web"), host("webx2", "prod", "web"));
        RingSpec canary = new RingSpec("canary", List.of("web.2", "db-*"), List.of(), List.of(), Map.of(), null, null,
                null, null, false, null);

        Map<RingSpec, List<HostView>> rings = RingAssignment.assignRings(List.of(canary, ring("broad", "100%")),
                hosts);

        assertThat(names(rings.get(canary))).as("'.' is literal, '*' any characters")
                .containsExactly("db-1", "db-2", "web.2");
        assertThat(rings.values().stream().skip(1).findFirst().map(RingAssignmentTest::names).orElseThrow())
                .containsExactly("web-1", "webx2");
    }

    @Test
    void aRingSelectsByHostGroupAndInventoryAttributes() {
        List<HostView> hosts = List.of(
                new HostView("edge-1", "Debian:12", "prod", List.of("edge"), "high", true),
                new HostView("edge-2", "Debian:12", "prod", List.of("edge"), "low", true),
                new HostView("core-1", "Debian:12", "prod", List.of("core"), "high", false),
                new HostView("rhel-1", "Red Hat:9", "prod", List.of("edge"), "high", true));
        RingSpec exposed = new RingSpec("exposed-debian", List.of(), List.of(), List.of("edge"),
                Map.of("internet-facing", "true", "criticality", "high", "os", "Debian"), null, null, null, null,
                false, null);
        RingSpec rest = ring("rest", "100%");

        Map<RingSpec, List<HostView>> rings = RingAssignment.assignRings(List.of(exposed, rest), hosts);

        assertThat(names(rings.get(exposed))).as("every selector must match").containsExactly("edge-1");
        assertThat(names(rings.get(rest))).containsExactly("core-1", "edge-2", "rhel-1");
    }

    @Test
    void hostsNoRingSelectsAreNotPartOfTheStage() {
        List<HostView> hosts = List.of(host("t1", "test", "web"), host("p1", "prod", "web"));
        RingSpec test = new RingSpec("test", List.of("test"), "100%", "100%", "0", false, Duration.ZERO);

        Map<RingSpec, List<HostView>> rings = RingAssignment.assignRings(List.of(test), hosts);

        assertThat(names(rings.get(test))).containsExactly("t1");
    }

    @Test
    void aHostTakesTheFirstPlanOfItsEnvironmentOrGroupAndTheOthersTheDefaultPlanWhichDeploysLast() {
        List<HostView> hosts = List.of(host("db-1", "prod", "db"), host("db-2", "staging", "db"),
                host("web-1", "prod", "web"), host("web-2", "prod", "web"), host("lab-1", "lab", "web"));
        PlanSpec databases = new PlanSpec("databases", "production", List.of(), List.of("db"),
                List.of(ring("db-canary", "1"), ring("db-rest", "100%")));
        PlanSpec lab = new PlanSpec("lab", "production", List.of("lab"), List.of(), List.of(ring("lab", "100%")));
        PlanSpec prodDatabasesToo = new PlanSpec("prod-db", "production", List.of("prod"), List.of("db"),
                List.of(ring("never", "100%")));
        PlanSpec fallback = new PlanSpec("default", "production", List.of(), List.of(),
                List.of(ring("canary", "1"), ring("broad", "100%")));

        List<PlannedRing> rings = RingAssignment.assign(List.of(databases, lab, prodDatabasesToo, fallback), hosts);

        assertThat(rings).extracting(r -> r.plan() + "/" + r.spec().name() + "=" + names(r.hosts()))
                .containsExactly("databases/db-canary=[db-2]", "databases/db-rest=[db-1]", "lab/lab=[lab-1]",
                        "prod-db/never=[]", "default/canary=[web-1]", "default/broad=[web-2]");
    }

    @Test
    void aPlanWithEnvironmentsAndGroupsTakesOnlyHostsMatchingBoth() {
        PlanSpec prodDatabases = new PlanSpec("prod-db", "production", List.of("prod"), List.of("db"), List.of());

        assertThat(prodDatabases.matches(host("db-1", "prod", "db"))).isTrue();
        assertThat(prodDatabases.matches(host("db-2", "staging", "db"))).isFalse();
        assertThat(prodDatabases.matches(host("web-1", "prod", "web"))).isFalse();
    }

    private static RingSpec ring(String name, String share) {
        return new RingSpec(name, List.of(), share, "100%", "0", false, Duration.ZERO);
    }

    private static HostView host(String name, String environment, String group) {
        return new HostView(name, "Debian:12", environment, List.of(group), "medium", false);
    }

    private static List<String> names(List<HostView> hosts) {
        return hosts.stream().map(HostView::name).toList();
    }
}
