package io.patchflow.deployment.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.deployment.DeploymentBackend;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The DeploymentBackend contract on the simulated fleet: a change is applied at most once per host and rollout
 * attempt, whoever asks again (a job re-run after a node died, or two nodes running the same job at once).
 */
class SimulatedFleetIdempotencyIntegrationTest extends PostgresIntegrationTest {

    static final String OLD = "1.0-1";
    static final String FIXED = "1.0-2";

    @Autowired
    DeploymentBackend backend;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    final String change = "CHG-S" + run;

    @Test
    void aRepeatedPatchOfTheSameAttemptIsAnsweredFromTheJournalWithoutPatchingAgain() throws Exception {
        List<String> hosts = hosts("r", 3);
        DeploymentRun first = new DeploymentRun(change, "production", 1, "pilot", 1);

        List<HostOutcome> answered = backend.patch(first, orders(hosts));
        // The node died before recording; the retried job may even number the batch differently.
        List<HostOutcome> repeated = backend.patch(new DeploymentRun(change, "production", 1, "pilot", 2),
                orders(hosts));

        assertThat(repeated).containsExactlyElementsOf(answered);
        assertThat(repeated).allSatisfy(o -> assertThat(o.previousVersions()).as("the versions before the change, "
                + "not the patched ones the inventory shows now").extracting(PackageTarget::version)
                .containsExactly(OLD));
        hosts.forEach(h -> assertThat(patches(h)).as(h + " patched once").isEqualTo(1));
        assertThat(journaled(hosts)).isEqualTo(3);
    }

    @Test
    void aNewRolloutAttemptPatchesItsHostsAgain() throws Exception {
        List<String> hosts = hosts("a", 2);
        DeploymentRun failed = new DeploymentRun(change, "production", 1, "broad", 1);
        backend.patch(failed, orders(hosts));
        // The ring breached its budget and was rolled back; the change manager decided to retry.
        backend.rollback(failed, hosts.stream().map(h -> new PatchOrder(h, List.of(
                new PackageTarget("libsim" + run, OLD, OLD)))).toList());

        backend.patch(new DeploymentRun(change, "production", 2, "broad", 1), orders(hosts));

        hosts.forEach(h -> assertThat(patches(h)).as("a retry decided after a failed rollout re-patches " + h)
                .isEqualTo(2));
    }

    @Test
    void twoNodesPatchingTheSameHostsAtOnceApplyTheChangeOncePerHost() throws Exception {
        List<String> hosts = hosts("c", 40);
        DeploymentRun batch = new DeploymentRun(change, "production", 1, "broad", 3);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<HostOutcome>>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return backend.patch(batch, orders(hosts));
            }));
        }
        start.countDown();

        List<HostOutcome> one = nodes.get(0).get();
        List<HostOutcome> other = nodes.get(1).get();

        assertThat(one).as("both callers get the same, single answer per host").containsExactlyElementsOf(other);
        hosts.forEach(h -> assertThat(patches(h)).as(h + " patched once").isEqualTo(1));
        assertThat(journaled(hosts)).isEqualTo(40);
    }

    private List<String> hosts(String prefix, int count) throws Exception {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hosts.add("sim-" + run + "-" + prefix + "%02d".formatted(i));
        }
        String body = hosts.stream().map(h -> """
                {"name":"%s","os":"Debian:12","environment":"prod","groups":["grp-%s"],"criticality":"medium",
                 "internetFacing":false,"packages":[{"name":"libsim%s","version":"%s","source":"sim%s","arch":"amd64"}]}"""
                .formatted(h, run, run, OLD, run)).collect(Collectors.joining(",", "{\"hosts\":[", "]}"));
        mvc.perform(post("/api/v1/inventory").with(httpBasic("alice", "alice")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isOk());
        return hosts;
    }

    private List<PatchOrder> orders(List<String> hosts) {
        return hosts.stream().map(h -> new PatchOrder(h, List.of(new PackageTarget("libsim" + run, FIXED, FIXED))))
                .toList();
    }

    /** How often the simulated fleet changed the host's package: its inventory history counts every patch. */
    private int patches(String host) {
        return jdbc.sql("SELECT COUNT(*) FROM inv_package_history c JOIN inv_host h ON h.id = c.host_id "
                + "WHERE h.name = ? AND c.reason = 'patch'").param(host).query(Integer.class).single();
    }

    private int journaled(List<String> hosts) {
        return jdbc.sql("SELECT COUNT(*) FROM dep_sim_journal WHERE change_id = :change AND host_name IN (:hosts)")
                .param("change", change).param("hosts", hosts).query(Integer.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
