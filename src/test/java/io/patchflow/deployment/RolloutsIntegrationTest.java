package io.patchflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.change.calendar.MaintenanceCalendar;
import io.patchflow.change.internal.ChangeRolloutSteps;
import io.patchflow.change.calendar.MaintenanceWindow;
import io.patchflow.inventory.Fleet;
import io.patchflow.shared.NotFoundException;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployment module on PostgreSQL with the simulated fleet, driven through its API ({@link Rollouts}) the way
 * the staged-rollout process drives it: counts in the rollout view, the failure budget and its rollback (what the
 * compensation handler calls), the maintenance window's cut-off, and a retried batch job. The test context's plan
 * is canary 10% batch 1 budget 0, pilot 30% batch 50% budget 10%, broad the rest batch 25% budget 5%; hosts named
 * {@code *-flaky-*} always fail.
 */
class RolloutsIntegrationTest extends PostgresIntegrationTest {

    static final String OLD = "1.0-1";
    static final String FIXED = "1.0-2";

    @Autowired
    Rollouts rollouts;
    @Autowired
    Fleet fleet;
    @Autowired
    MaintenanceCalendar calendar;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DeploymentBackend backend;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ChangeRolloutSteps steps;
    @Autowired
    StopRequests stops;

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    final String change = "CHG-T" + run;

    @Test
    void aBreachedRingIsRolledBackBatchByBatchNewestFirstAndTheViewCountsEveryStatePerStageRingAndBatch()
            throws Exception {
        // Ten production hosts: canary r01; pilot r02-r04 (batches of 2); broad r05-r10 in batches of 2, budget 0.
        List<String> hosts = tenProductionHosts('r', 8);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();

        List<BatchOutcome> outcomes = new ArrayList<>();
        BatchReport report;
        do {
            report = rollouts.deployNextBatch(id, null);
            outcomes.add(report.outcome());
        } while (report.outcome() == BatchOutcome.MORE_BATCHES || report.outcome() == BatchOutcome.RING_COMPLETED);
        assertThat(outcomes).containsExactly(BatchOutcome.RING_COMPLETED, BatchOutcome.MORE_BATCHES,
                BatchOutcome.RING_COMPLETED, BatchOutcome.MORE_BATCHES, BatchOutcome.BUDGET_BREACHED);
        assertThat(report.ring()).isEqualTo("broad");
        assertThat(report.failed()).isEqualTo(1);

        // The compensation handler runs once per deployed batch of the ring: newest first, then nothing left.
        assertThat(rollouts.rollbackLatestBatch(id)).as("batch 2: r07 and the flaky host").isEqualTo(2);
        assertThat(installed(name("r07"))).isEqualTo(OLD);
        assertThat(installed(name("r05"))).as("batch 1 not rolled back yet").isEqualTo(FIXED);
        assertThat(rollouts.rollbackLatestBatch(id)).as("batch 1: r05, r06").isEqualTo(2);
        assertThat(rollouts.rollbackLatestBatch(id)).isZero();
        rollouts.halt(id, "failure budget exceeded; ring rolled back");

        JsonNode stage = rolloutOf(change).path("stages").get(0);
        assertThat(stage.path("state").asText()).isEqualTo("HALTED");
        assertThat(stage.path("hostCount").asInt()).isEqualTo(10);
        assertThat(counts(stage)).containsExactlyInAnyOrderEntriesOf(Map.of("pending", 2, "running", 0,
                "succeeded", 4, "succeeded-reboot-required", 0, "failed", 0, "unreachable", 0, "rolled-back", 4));
        Map<String, JsonNode> rings = new LinkedHashMap<>();
        stage.path("rings").forEach(r -> rings.put(r.path("name").asText(), r));
        assertThat(rings).containsOnlyKeys("canary", "pilot", "broad");
        assertThat(rings.get("pilot").path("plan").asText()).isEqualTo("default");
        assertThat(counts(rings.get("pilot"))).containsEntry("succeeded", 3);
        assertThat(rings.get("pilot").path("batches")).extracting(b -> b.path("hostCount").asInt())
                .containsExactly(2, 1);
        JsonNode broad = rings.get("broad");
        assertThat(broad.path("state").asText()).isEqualTo("ROLLED_BACK");
        assertThat(counts(broad)).containsEntry("rolled-back", 4).containsEntry("pending", 2);
        assertThat(broad.path("batches")).extracting(b -> b.path("number").asInt() + ":"
                + b.path("counts").path("rolled-back").asInt()).containsExactly("1:2", "2:2");
        assertThat(broad.path("hosts")).extracting(h -> h.path("name").asText() + "=" + h.path("state").asText())
                .contains(name("r08-flaky-db") + "=ROLLED_BACK", name("r09") + "=PENDING");

        assertThat(audit("rollout.rollback.host")).as("every host's rollback is on record, newest batch first")
                .containsExactly(name("r07"), name("r08-flaky-db"), name("r05"), name("r06"));
        List<JsonNode> batches = entries("rollout.batch");
        assertThat(batches).as("one entry per batch, every host's result in it").hasSize(5);
        JsonNode breach = batches.get(4);
        assertThat(breach.path("outcome").path("outcome").asText()).isEqualTo("BUDGET_BREACHED");
        assertThat(breach.path("outcome").path("hosts").path(name("r08-flaky-db")).asText()).isEqualTo("FAILED");
        assertThat(breach.path("outcome").path("hosts").path(name("r07")).asText()).isEqualTo("SUCCEEDED");
        assertThat(breach.path("outcome").path("messages").path(name("r08-flaky-db")).asText())
                .contains("package manager exited");
        assertThat(breach.path("inputs").path("targets").path(name("r07")).get(0).asText())
                .isEqualTo("libro" + run + "=" + FIXED);
    }

    @Test
    void aHostWhoseRollbackFailedIsNotSentAgainAndTheNextCompensationRollsBackTheOlderBatch() throws Exception {
        List<String> hosts = tenProductionHosts('f', 8);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        while (rollouts.deployNextBatch(id, null).outcome() != BatchOutcome.BUDGET_BREACHED) {
            // canary, pilot, then broad until its second batch breaches the budget
        }
        // The back end could not restore f07 (batch 2): recorded as BatchRunner records a failed rollback.
        jdbc.sql("UPDATE dep_host SET state = 'FAILED', rollback_attempted = TRUE, message = 'rollback failed: "
                + "host did not answer' WHERE host_name = ?").param(name("f07")).update();

        assertThat(rollouts.rollbackLatestBatch(id)).as("the rest of batch 2 only").isEqualTo(1);
        assertThat(rollouts.rollbackLatestBatch(id)).as("then batch 1, not f07 again").isEqualTo(2);
        assertThat(rollouts.rollbackLatestBatch(id)).isZero();
        assertThat(installed(name("f07"))).as("never sent again").isEqualTo(FIXED);
        assertThat(audit("rollout.rollback.host")).containsExactly(name("f08-flaky-db"), name("f05"), name("f06"));
    }

    @Test
    void fastBatchesOfARingRunInOneStepAndTheRingsRollbackRestoresEveryBatchNewestFirst() throws Exception {
        List<String> hosts = tenProductionHosts('c', 8);
        emergencyChange(); // no window cut-off to look up
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        assertThat(steps.deployBatches(change, RolloutProperties.PRODUCTION, id).ring()).isEqualTo("canary");
        BatchReport pilot = steps.deployBatches(change, RolloutProperties.PRODUCTION, id);
        assertThat(pilot.outcome()).as("pilot c02-c04, two batches, one step").isEqualTo(BatchOutcome.RING_COMPLETED);
        assertThat(pilot.batch()).isEqualTo(2);

        BatchReport broad = steps.deployBatches(change, RolloutProperties.PRODUCTION, id);
        assertThat(broad.outcome()).as("broad: batch 1 (c05, c06), then batch 2 breaches with c08")
                .isEqualTo(BatchOutcome.BUDGET_BREACHED);
        assertThat(broad.batch()).isEqualTo(2);
        assertThat(entries("rollout.batch")).as("still one entry per batch").hasSize(5);

        assertThat(steps.rollbackBreachedRing(id)).as("both batches of the broad ring").isEqualTo(4);
        assertThat(audit("rollout.rollback.host")).as("newest batch first")
                .containsExactly(name("c07"), name("c08-flaky-db"), name("c05"), name("c06"));
        assertThat(steps.rollbackBreachedRing(id)).as("a later compensation finds nothing left").isZero();
        assertThat(installed(name("c05"))).isEqualTo(OLD);
        assertThat(installed(name("c02"))).as("the pilot keeps the fix").isEqualTo(FIXED);
    }

    @Test
    void aCancelledChangeStartsNoFurtherBatchOfTheRing() throws Exception {
        List<String> hosts = tenProductionHosts('s', 0);
        emergencyChange();
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        steps.deployBatches(change, RolloutProperties.PRODUCTION, id); // canary
        steps.deployBatches(change, RolloutProperties.PRODUCTION, id); // pilot

        stops.request(change); // what cancelling the change stores, on whichever node
        BatchReport broad = steps.deployBatches(change, RolloutProperties.PRODUCTION, id);

        assertThat(broad.outcome()).as("the batch under way ends; no further batch starts")
                .isEqualTo(BatchOutcome.MORE_BATCHES);
        assertThat(broad.batch()).isEqualTo(1);
        assertThat(counts(rolloutOf(change).path("stages").get(0))).containsEntry("pending", 4);
    }

    @Test
    void noBatchStartsAfterTheWindowsCutOffAndTheRestWaitsForTheNextWindow() throws Exception {
        List<String> hosts = twoHostsInAWindowPastItsCutOff("w");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant deadline = calendar.batchDeadline(fleet.hosts(hosts), now).orElseThrow();
        assertThat(deadline).isBefore(now);

        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        BatchReport closed = rollouts.deployNextBatch(id, deadline);

        assertThat(closed.outcome()).isEqualTo(BatchOutcome.WINDOW_CLOSED);
        JsonNode stage = rolloutOf(change).path("stages").get(0);
        assertThat(counts(stage)).as("nothing started").containsEntry("pending", 2).containsEntry("running", 0);
        assertThat(installed(name("w1"))).isEqualTo(OLD);
        assertThat(audit("rollout.window-closed")).hasSize(1);

        // In the next window (cut-off ahead) the rollout goes on where it stopped.
        BatchReport next = rollouts.deployNextBatch(id, Instant.now().plus(Duration.ofHours(1)));
        assertThat(next.outcome()).isEqualTo(BatchOutcome.RING_COMPLETED);
        assertThat(next.ring()).isEqualTo("canary");
        assertThat(installed(name("w1"))).isEqualTo(FIXED);
    }

    @Test
    void aProductionDeployStepOfAChangeStartsNoBatchOnceItsWindowsCutOffHasPassed() throws Exception {
        List<String> hosts = twoHostsInAWindowPastItsCutOff("d");
        change("normal", hosts);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();

        assertThat(steps.deployBatches(change, RolloutProperties.PRODUCTION, id).outcome())
                .isEqualTo(BatchOutcome.WINDOW_CLOSED);
        assertThat(installed(name("d1"))).isEqualTo(OLD);
    }

    /**
     * Two production hosts ({@code <prefix>1}, {@code <prefix>2}) of a group whose window opened 30 minutes ago for an
     * hour with a 45-minute cut-off: still open, but no new batch since 15 minutes.
     */
    private List<String> twoHostsInAWindowPastItsCutOff(String prefix) throws Exception {
        String group = "grp-" + run;
        List<String> hosts = List.of(name(prefix + "1"), name(prefix + "2"));
        importHosts(hosts, "prod", group);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        calendar.addWindow(window("closing-" + run, group, now.minus(Duration.ofMinutes(30)), 60, 45), "erin");
        return hosts;
    }

    @Test
    void theCutOffOfAnOpenWindowIsItsEndMinusTheCutOffMinutes() {
        String group = "grp-" + run;
        importHostsQuietly(List.of(name("c1")), group);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = now.minus(Duration.ofMinutes(10));
        calendar.addWindow(window("open-" + run, group, start, 120, 20), "erin");

        assertThat(calendar.batchDeadline(fleet.hosts(List.of(name("c1"))), now))
                .contains(start.plus(Duration.ofMinutes(100)));
    }

    @Test
    void aRetriedBatchJobSendsOnlyTheHostsLeftRunningAndNeverPatchesAHostWithARecordedResultAgain()
            throws Exception {
        List<String> hosts = tenProductionHosts('j', 0);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        rollouts.deployNextBatch(id, null); // canary: j01
        // A job that marked its batch RUNNING and committed, then died before the back end's results were recorded.
        long pilot = leftRunningAsPilotBatchOne(id, name("j02"));

        BatchReport retried = rollouts.deployNextBatch(id, null);

        assertThat(retried.batch()).as("the same batch again").isEqualTo(1);
        assertThat(hostsOfBatch(pilot, 1)).containsExactly(name("j02") + "=SUCCEEDED");
        assertThat(rollouts.deployNextBatch(id, null).batch()).as("then the pending hosts, as the next batch")
                .isEqualTo(2);
        assertThat(hostsOfBatch(pilot, 2)).containsExactly(name("j03") + "=SUCCEEDED", name("j04") + "=SUCCEEDED");
        assertThat(patches(name("j01"))).as("the canary host was patched once").isEqualTo(1);
        assertThat(patches(name("j02"))).isEqualTo(1);
    }

    @Test
    void aBatchPatchedByANodeThatDiedBeforeRecordingItIsAnsweredAgainWithoutPatchingItsHostsTwice()
            throws Exception {
        List<String> hosts = tenProductionHosts('k', 0);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        rollouts.deployNextBatch(id, null); // canary: k01
        // The job claimed pilot's first batch and the back end patched it; then its node died before the commit.
        long pilot = leftRunningAsPilotBatchOne(id, name("k02"), name("k03"));
        backend.patch(new DeploymentRun(change, RolloutProperties.PRODUCTION, 1, "pilot", 1),
                orders(List.of(name("k02"), name("k03"))));

        BatchReport retried = rollouts.deployNextBatch(id, null);

        assertThat(retried.batch()).as("the same batch again").isEqualTo(1);
        assertThat(hostsOfBatch(pilot, 1)).containsExactly(name("k02") + "=SUCCEEDED", name("k03") + "=SUCCEEDED");
        assertThat(patches(name("k02"))).as("patched once, by the node that died").isEqualTo(1);
        assertThat(patches(name("k03"))).isEqualTo(1);
        assertThat(jdbc.sql("SELECT previous_versions FROM dep_host WHERE ring_id = ? AND host_name = ?")
                .params(pilot, name("k02")).query(String.class).single())
                .as("what a rollback restores is the version before the change, as first answered").contains(OLD)
                .doesNotContain(FIXED);
    }

    @Test
    void aBatchJobRunAgainAfterItsBreachWasRecordedAnswersBreachedAndStartsNoLaterRing() throws Exception {
        List<String> hosts = tenProductionHosts('b', 2);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        rollouts.deployNextBatch(id, null); // canary: b01
        assertThat(rollouts.deployNextBatch(id, null).outcome()).as("pilot's budget is 0 hosts")
                .isEqualTo(BatchOutcome.BUDGET_BREACHED);

        // The results were committed, but the node died before the engine committed the job: it runs again.
        BatchReport again = rollouts.deployNextBatch(id, null);

        assertThat(again.outcome()).isEqualTo(BatchOutcome.BUDGET_BREACHED);
        assertThat(again.ring()).isEqualTo("pilot");
        assertThat(again.failed()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id "
                + "WHERE r.rollout_id = ? AND r.name = 'broad' AND h.state <> 'PENDING'").param(id)
                .query(Integer.class).single()).as("no host of the ring after the breached one was started").isZero();
    }

    @Test
    void aBatchJobWhoseCommitWasLostAfterItCompletedARingAnswersCompletedAgainAndStartsNoNextRing()
            throws Exception {
        List<String> hosts = tenProductionHosts('q', 0);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        TransactionTemplate job = new TransactionTemplate(transactions);

        // The engine's job transaction: the batch (canary, one host) is recorded, then the job's commit is lost.
        BatchReport lost = job.execute(status -> {
            status.setRollbackOnly();
            return rollouts.deployNextBatch(id, null);
        });
        BatchReport again = job.execute(status -> rollouts.deployNextBatch(id, null));

        assertThat(lost.outcome()).isEqualTo(BatchOutcome.RING_COMPLETED);
        assertThat(again.outcome()).as("the engine never saw the canary complete").isEqualTo(BatchOutcome.RING_COMPLETED);
        assertThat(again.ring()).isEqualTo("canary");
        assertThat(again.lastRing()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id "
                + "WHERE r.rollout_id = ? AND r.name = 'pilot' AND h.state <> 'PENDING'").param(id)
                .query(Integer.class).single()).as("the pilot waits for the canary's soak or promotion").isZero();
        assertThat(rollouts.deployNextBatch(id, null).ring()).as("seen now: the next run deploys the pilot")
                .isEqualTo("pilot");
        assertThat(patches(name("q01"))).isEqualTo(1);
    }

    @Test
    void aBatchJobRunAgainAfterTheLastRingCompletedAnswersCompletedInsteadOfFailing() throws Exception {
        List<String> hosts = tenProductionHosts('z', 0);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        BatchReport report;
        do {
            report = rollouts.deployNextBatch(id, null);
        } while (!(report.outcome() == BatchOutcome.RING_COMPLETED && report.lastRing()));

        BatchReport again = rollouts.deployNextBatch(id, null);

        assertThat(again.outcome()).isEqualTo(BatchOutcome.RING_COMPLETED);
        assertThat(again.lastRing()).isTrue();
        assertThat(again.ring()).isEqualTo("broad");
        hosts.forEach(h -> assertThat(patches(h)).as(h).isEqualTo(1));
    }

    @Test
    void aBackEndThatFailsLeavesItsBatchRunningOnRecordAndTheRetrySendsTheSameHosts() throws Exception {
        List<String> hosts = tenProductionHosts('e', 0);
        long id = rollouts.plan(change, RolloutProperties.PRODUCTION, orders(hosts), false).rolloutId();
        // The canary host vanishes from the inventory: the simulated fleet cannot patch it and throws.
        jdbc.sql("DELETE FROM inv_host WHERE name = ?").param(name("e01")).update();

        assertThatThrownBy(() -> rollouts.deployNextBatch(id, null)).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("SELECT state || ':' || batch_no FROM dep_host WHERE host_name = ?").param(name("e01"))
                .query(String.class).single()).as("the claim was committed before the back end was called")
                .isEqualTo("RUNNING:1");

        importHosts(List.of(name("e01")), "prod", "grp-" + run);
        BatchReport retried = rollouts.deployNextBatch(id, null);

        assertThat(retried.outcome()).isEqualTo(BatchOutcome.RING_COMPLETED);
        assertThat(retried.batch()).isEqualTo(1);
        assertThat(installed(name("e01"))).isEqualTo(FIXED);
        assertThat(patches(name("e01"))).isEqualTo(1);
        assertThat(patches(name("e02"))).as("no pending host was taken while the batch was unfinished").isZero();
    }

    @Test
    void aBatchJobHoldsItsLockLongerThanABatchMayTake() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getJobExecutor().getLockTimeInMillis()).isGreaterThanOrEqualTo(3_600_000);
    }

    /** The change the rollout belongs to, as far as the change's own steps read it: an emergency has no cut-off. */
    private void emergencyChange() {
        change("emergency", List.of());
    }

    /** The change record of {@code change}, of that type, patching {@code hosts}. */
    private void change(String type, List<String> hosts) {
        jdbc.sql("""
                INSERT INTO chg_change (id, seq, title, requested_by, state, stage, patch_kind, reboot_required,
                    vendor_trusted, change_type, created_at, updated_at)
                VALUES (?, (SELECT coalesce(max(seq), 0) + 1000000 FROM chg_change), 'chaining test', 'alice',
                    'ROLLING_OUT', 'rollout', 'security', FALSE, TRUE, ?, now(), now())""")
                .params(change, type).update();
        for (String host : hosts) {
            jdbc.sql("INSERT INTO chg_change_target (change_id, host_name, package_name, installed_version, "
                    + "fixed_version, advisory_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(change, host, "libro" + run, OLD, FIXED, "OSV-" + run).update();
        }
    }

    /** Marks {@code hosts} of the pilot ring RUNNING in its batch 1, as a claim committed by a job; the ring's id. */
    private long leftRunningAsPilotBatchOne(long rolloutId, String... hosts) {
        long pilot = jdbc.sql("SELECT id FROM dep_ring WHERE rollout_id = ? AND name = 'pilot'").param(rolloutId)
                .query(Long.class).single();
        for (String host : hosts) {
            jdbc.sql("UPDATE dep_host SET state = 'RUNNING', batch_no = 1, started_at = CURRENT_TIMESTAMP "
                    + "WHERE ring_id = ? AND host_name = ?").params(pilot, host).update();
        }
        return pilot;
    }

    /**
     * Ten production hosts {@code <letter>01} to {@code <letter>10} in the test's group, imported; host number
     * {@code flaky} (0: none) is named to always fail.
     */
    private List<String> tenProductionHosts(char letter, int flaky) throws Exception {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            hosts.add(name(letter + "%02d".formatted(i) + (i == flaky ? "-flaky-db" : "")));
        }
        importHosts(hosts, "prod", "grp-" + run);
        return hosts;
    }

    private String name(String suffix) {
        return "ro-" + run + "-" + suffix;
    }

    private List<PatchOrder> orders(List<String> hosts) {
        return hosts.stream().map(h -> new PatchOrder(h, List.of(new PackageTarget("libro" + run, FIXED, FIXED))))
                .toList();
    }

    private void importHosts(List<String> hosts, String environment, String group) throws Exception {
        String body = hosts.stream().map(h -> """
                {"name":"%s","os":"Debian:12","environment":"%s","groups":["%s"],"criticality":"medium",
                 "internetFacing":false,"packages":[{"name":"libro%s","version":"%s","source":"ro%s","arch":"amd64"}]}"""
                .formatted(h, environment, group, run, OLD, run)).collect(Collectors.joining(",", "{\"hosts\":[", "]}"));
        mvc.perform(post("/api/v1/inventory").with(httpBasic("alice", "alice")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isOk());
    }

    private void importHostsQuietly(List<String> hosts, String group) {
        try {
            importHosts(hosts, "prod", group);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MaintenanceWindow window(String name, String group, Instant start, int minutes, int cutoff) {
        LocalTime time = LocalTime.ofInstant(start, ZoneOffset.UTC);
        DayOfWeek day = start.atZone(ZoneOffset.UTC).getDayOfWeek();
        return new MaintenanceWindow(null, name, group, "UTC", List.of(day), time, minutes, cutoff);
    }

    private JsonNode rolloutOf(String changeId) throws Exception {
        String body = mvc.perform(get("/api/v1/changes/{id}/rollout", changeId).with(httpBasic("frank", "frank")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static Map<String, Integer> counts(JsonNode node) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        node.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    private String installed(String host) {
        return fleet.packages(host).stream().filter(p -> p.name().equals("libro" + run)).findFirst().orElseThrow()
                .version();
    }

    private List<String> audit(String kind) {
        return jdbc.sql("SELECT inputs FROM audit_entry WHERE change_id = ? AND kind = ? ORDER BY seq")
                .params(change, kind).query(String.class).list().stream().map(this::host).toList();
    }

    private List<JsonNode> entries(String kind) {
        return jdbc.sql("SELECT inputs, outcome FROM audit_entry WHERE change_id = ? AND kind = ? ORDER BY seq")
                .params(change, kind).query((rs, n) -> {
                    try {
                        com.fasterxml.jackson.databind.node.ObjectNode entry = json.createObjectNode();
                        entry.set("inputs", json.readTree(rs.getString(1)));
                        entry.set("outcome", json.readTree(rs.getString(2)));
                        return (JsonNode) entry;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).list();
    }

    private String host(String inputs) {
        try {
            return json.readTree(inputs).path("host").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> hostsOfBatch(long ringId, int batch) {
        return jdbc.sql("SELECT host_name || '=' || state FROM dep_host WHERE ring_id = ? AND batch_no = ? "
                + "ORDER BY host_name").params(ringId, batch).query(String.class).list();
    }

    /** How often the simulated fleet changed the host's package: its inventory history counts every patch. */
    private int patches(String host) {
        return jdbc.sql("SELECT COUNT(*) FROM inv_package_history c JOIN inv_host h ON h.id = c.host_id "
                + "WHERE h.name = ? AND c.reason = 'patch'").param(host).query(Integer.class).single();
    }
}
