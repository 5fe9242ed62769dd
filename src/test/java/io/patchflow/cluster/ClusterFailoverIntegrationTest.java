package io.patchflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.testsupport.PatchflowNode;
import io.patchflow.testsupport.PrivatePostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Patchflow nodes, each a separate process, on one PostgreSQL of the test's own (so it can be restarted without
 * disturbing other tests), running standard changes over a simulated fleet of a few thousand hosts in all. Mid-rollout
 * the database is restarted, then (next test) one node is killed with SIGKILL. Either way every change must close,
 * every host must have exactly one result and one application of the change, no job may complete twice, and the
 * audit chain must verify.
 * <p>
 * Node start-up takes most of the time on two cores, so the nodes are shared: the database restart runs first with
 * both nodes, the node kill second; a test that finds a node dead starts a new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIntegrationTest {

    /** Per scenario: 30 standard changes of 50 hosts = 1,500 hosts (-Dpatchflow.cluster.changes to vary). */
    private static final int CHANGES = Integer.getInteger("patchflow.cluster.changes", 30);
    private static final Duration SETTLE = Duration.ofMinutes(4);

    private PrivatePostgres postgres;
    private ClusterFixture cluster;
    private final List<PatchflowNode> nodes = new ArrayList<>();
    private int started;

    @BeforeAll
    void startCluster() {
        postgres = PrivatePostgres.start();
        cluster = new ClusterFixture(postgres);
        // One after the other: the first node creates the schema (Flyway, Camunda's tables, the demo users).
        ensureTwoNodes();
    }

    @AfterAll
    void stopCluster() {
        nodes.forEach(PatchflowNode::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void ensureTwoNodes() {
        nodes.removeIf(node -> !node.alive());
        while (nodes.size() < 2) {
            nodes.add(cluster.startNode("node-" + (char) ('a' + started++)));
        }
    }

    @Test
    @Order(1)
    void everyChangeClosesOnceWhenPostgresRestartsMidRollout() throws Exception {
        ClusterFixture.Wave wave = cluster.requestChanges("pgr", CHANGES, nodes);

        ClusterFixture.Progress before = cluster.awaitMidRollout(wave);
        postgres.restart();
        System.out.println("PostgreSQL restarted mid-rollout at " + before);

        cluster.awaitClosed(wave, nodes, SETTLE);
        assertEveryHostPatchedOnceAndEveryJobCompletedOnce(wave, nodes.get(0));
        assertThat(nodes).as("both nodes survived the database restart").allMatch(PatchflowNode::alive);
    }

    @Test
    @Order(2)
    void everyChangeClosesOnceWhenANodeIsKilledMidRollout() throws Exception {
        ClusterFixture.Wave wave = cluster.requestChanges("kil", CHANGES, nodes);

        ClusterFixture.Progress before = cluster.awaitMidRollout(wave);
        PatchflowNode victim = nodes.get(1);
        Map<String, Integer> locked = cluster.lockedJobsByOwner();
        victim.kill();
        ClusterFixture.Progress after = cluster.progress(wave);
        System.out.println("Killed " + victim + " at " + before + "; left behind: " + after.running()
                + " host(s) claimed without a result, of which " + after.answeredNotRecorded()
                + " answered by the back end but not recorded; jobs locked by owner just before: " + locked);

        PatchflowNode survivor = nodes.get(0);
        cluster.awaitClosed(wave, List.of(survivor), SETTLE);
        assertEveryHostPatchedOnceAndEveryJobCompletedOnce(wave, survivor);
    }

    private void assertEveryHostPatchedOnceAndEveryJobCompletedOnce(ClusterFixture.Wave wave, PatchflowNode node)
            throws Exception {
        ClusterFixture.HostCounts hosts = cluster.hostCounts(wave);
        assertThat(hosts.rows()).as("one rollout row per host of every change").isEqualTo(wave.hostCount());
        assertThat(hosts.distinctHosts()).isEqualTo(wave.hostCount());
        assertThat(hosts.byState()).as("every host has one final result: succeeded")
                .isEqualTo(Map.of("SUCCEEDED", wave.hostCount()));
        assertThat(cluster.journalApplicationsPerHost(wave)).as("the simulated fleet applied each change once per host")
                .containsOnlyKeys(1).containsEntry(1, wave.hostCount());
        assertThat(cluster.inventoryPatchesPerHost(wave)).as("each host's package changed exactly once")
                .containsOnlyKeys(1).containsEntry(1, wave.hostCount());
        assertThat(cluster.jobsCompletedMoreThanOnce()).as("no job (timers included) completed twice").isEmpty();
        assertThat(cluster.timerJobsCompleted(wave)).as("timers ran (once each, above)").isPositive();
        assertThat(cluster.openIncidents()).as("no incident left").isZero();
        JsonNode verify = cluster.get(node, "/api/v1/audit/verify", "frank");
        assertThat(verify.path("valid").asBoolean()).as("audit chain: %s", verify).isTrue();
    }
}
