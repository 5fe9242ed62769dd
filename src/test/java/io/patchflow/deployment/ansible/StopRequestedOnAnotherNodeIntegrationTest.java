package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.StopRequests;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a cluster the API call that cancels a change may reach another node than the one whose job executor is running
 * the change's Ansible batch. The cancelling node stores a stop request in the shared database (here: written as
 * that node writes it, through the application's own StopRequests); this node's run, which has no local cancellation,
 * sees it within its poll and stops, with its whole process tree, its host failing as cancelled.
 */
class StopRequestedOnAnotherNodeIntegrationTest extends PostgresIntegrationTest {

    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    Path tmp;

    @Autowired
    StopRequests stops;

    @Test
    void aCancellationStoredByAnotherNodeStopsThisNodesRunOfTheChange() throws Exception {
        String marker = "303." + System.nanoTime() % 100000;
        String change = "CHG-STOP-" + System.nanoTime() % 1_000_000;
        AnsibleProperties properties = PlaybookTimeLimitTest.properties(tmp, marker, Duration.ofMinutes(5));
        AnsibleRuns runs = new AnsibleRuns(properties, new PlaybookRunner(stops, POLL), event -> { });

        CompletableFuture<AnsibleRuns.Result> running = CompletableFuture.supplyAsync(() -> runs.execute(
                new DeploymentRun(change, "production", 1, "broad", 1), PlaybookAction.PATCH,
                List.of(PlaybookTimeLimitTest.host(properties)), Path.of("src/test/resources/ansible/sleep.yml")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (PlaybookTimeLimitTest.sleepers(marker).isEmpty() && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(PlaybookTimeLimitTest.sleepers(marker)).as("the playbook got as far as its sleep").isNotEmpty();
        stops.request("CHG-OTHER-" + change);
        Thread.sleep(POLL.toMillis() * 3);
        assertThat(running).as("another change's stop request stops nothing").isNotDone();

        stops.request(change);
        stops.request(change); // a second node cancelling the same change: the request stands once
        HostOutcome outcome = HostOutcomes.of("ctl-1", running.get(30, TimeUnit.SECONDS), properties.timeout());

        assertThat(outcome.state()).isEqualTo(HostState.FAILED);
        assertThat(outcome.message()).startsWith("cancelled: the change was cancelled");
        assertThat(PlaybookTimeLimitTest.sleepers(marker)).as("no worker keeps patching after the stop").isEmpty();
        assertThat(stops.requested(change)).isTrue();
    }
}
