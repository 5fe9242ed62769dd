package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ring that breaches its failure budget is rolled back and the rollout halts; a change manager decides. The test
 * context's simulator fails every host named {@code *-flaky-*} (see PostgresIntegrationTest).
 * <p>
 * The fleet is laid out for the test context's production plan (canary 10%, batch 1, budget 0; pilot 30%, batch
 * 50%, budget 10%; broad the rest): of the seven production-stage hosts (the test host is patched in the test
 * stage), the canary is the staging host, the pilot the first two production hosts by name, deployed one per batch
 * with a budget of 10% of 2 = 0 failures. {@code p1} succeeds in batch 1, {@code p2-flaky} fails in batch 2: the
 * pilot ring is breached and both batches are rolled back, newest first. Both pilot batches come back at once from
 * the simulator, so one job deploys them (docs/rollout-plans.md#batches-and-jobs), and the compensation of that one
 * step rolls back both.
 */
class RolloutBreachIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfbrk";

    @Test
    void aRingOverItsFailureBudgetIsRolledBackAndHaltedAndAnAbortedChangeEndsAfterItsReview() throws Exception {
        String t1 = "brk-" + run + "-t1";
        String s1 = "brk-" + run + "-s1";
        String p1 = "brk-" + run + "-p1";
        String flaky = "brk-" + run + "-p2-flaky-db";
        List<String> broad = List.of("brk-" + run + "-p3", "brk-" + run + "-p4", "brk-" + run + "-p5",
                "brk-" + run + "-p6");
        List<HostSpec> fleet = new java.util.ArrayList<>(List.of(new HostSpec(t1, "test", "medium"),
                new HostSpec(s1, "staging", "medium"), new HostSpec(p1, "prod", "medium"),
                new HostSpec(flaky, "prod", "medium")));
        broad.forEach(h -> fleet.add(new HostSpec(h, "prod", "medium")));
        importHosts(fleet, PREFIX);
        String advisory = loadAdvisory(PREFIX, CVSS_5_3);
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX), advisory,
                fleet.stream().map(HostSpec::name).toList());

        JsonNode decision = awaitTask(id, "decideFailedRollout", as("erin"));
        JsonNode halted = change(id);
        assertThat(halted.path("changeType").asText()).as("standard: no human before the rollout")
                .isEqualTo("standard");
        assertThat(halted.path("state").asText()).isEqualTo("ROLLOUT_HALTED");
        assertThat(halted.path("outcome").asText()).isEqualTo("ROLLOUT_FAILED");
        assertThat(tasks(id, as("bob"))).as("the decision is for change managers only").isEmpty();

        JsonNode production = stage(rollout(id), "production");
        assertThat(production.path("state").asText()).isEqualTo("HALTED");
        Map<String, JsonNode> rings = new LinkedHashMap<>();
        production.path("rings").forEach(r -> rings.put(r.path("name").asText(), r));
        assertThat(rings).containsOnlyKeys("canary", "pilot", "broad");
        assertThat(rings.get("canary").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(hostStates(rings.get("canary"))).containsExactly(Map.entry(s1, "SUCCEEDED"));
        JsonNode pilot = rings.get("pilot");
        assertThat(pilot.path("state").asText()).isEqualTo("ROLLED_BACK");
        assertThat(pilot.path("failureBudget").asInt()).isZero();
        assertThat(hostStates(pilot)).containsOnly(Map.entry(p1, "ROLLED_BACK"), Map.entry(flaky, "ROLLED_BACK"));
        assertThat(pilot.path("counts").path("rolled-back").asInt()).isEqualTo(2);
        assertThat(rings.get("broad").path("state").asText()).isEqualTo("PENDING");
        assertThat(hostStates(rings.get("broad")).values()).containsOnly("PENDING");

        assertThat(installedVersion(t1, PREFIX)).as("patched in the test stage").isEqualTo(FIXED_VERSION);
        assertThat(installedVersion(s1, PREFIX)).as("the canary ring completed").isEqualTo(FIXED_VERSION);
        assertThat(installedVersion(p1, PREFIX)).as("patched, then rolled back with its ring").isEqualTo(OLD_VERSION);
        assertThat(installedVersion(flaky, PREFIX)).isEqualTo(OLD_VERSION);
        for (String host : broad) {
            assertThat(installedVersion(host, PREFIX)).as("never reached: %s", host).isEqualTo(OLD_VERSION);
        }

        complete(decision.path("id").asText(), as("erin"),
                "{\"decision\":\"abort\",\"reason\":\"database hosts fail the package hook\"}")
                .andExpect(status().isOk());
        JsonNode review = awaitTask(id, "pir", as("erin"));
        assertThat(change(id).path("state").asText()).as("waiting for the review").isEqualTo("IN_REVIEW");
        complete(review.path("id").asText(), as("erin"),
                "{\"reviewNotes\":\"pre-install hook of the flaky host needs fixing first\"}")
                .andExpect(status().isOk());

        JsonNode aborted = awaitEnd(id);
        assertThat(aborted.path("state").asText()).isEqualTo("ABORTED");
        assertThat(aborted.path("outcome").asText()).isEqualTo("ABORTED");

        List<JsonNode> trail = audit(id);
        assertThat(inOrder(kinds(trail), List.of("approval.policy", "schedule", "rollout.batch", "rollout.halted",
                "rollout.failure-decision", "closure.review", "change.sealed")))
                .as("decisions in order, found %s", kinds(trail)).isTrue();
        assertThat(entries(trail, "rollout.rollback.host")).extracting(e -> e.path("inputs").path("host").asText())
                .containsExactly(flaky, p1);
        assertThat(entries(trail, "rollout.batch")).as("one entry per batch: test, canary, pilot 1 and 2")
                .hasSize(4);
        assertThat(deploySteps(id)).as("the pilot's two fast batches ran in one job (chain-batches-within): "
                + "one deploy step each for test and canary, one for the pilot").isEqualTo(3);
        JsonNode abort = entries(trail, "rollout.failure-decision").get(0);
        assertThat(abort.path("actor").asText()).isEqualTo("erin");
        assertThat(abort.path("outcome").path("decision").asText()).isEqualTo("abort");
        assertThat(abort.path("reason").asText()).isEqualTo("database hosts fail the package hook");
        assertThat(entries(trail, "closure.review").get(0).path("actor").asText()).isEqualTo("erin");
        assertThat(entries(trail, "change.sealed").get(0).path("outcome").path("state").asText())
                .isEqualTo("ABORTED");
        assertThat(kinds(trail)).doesNotContain("verification");
    }

    /** "Deploy next batches" steps the change's rollouts ran, from the engine's history. */
    private long deploySteps(String changeId) {
        return jdbc.sql("""
                SELECT count(*) FROM act_hi_actinst a
                JOIN act_hi_procinst rollout ON rollout.id_ = a.proc_inst_id_
                JOIN act_hi_procinst lifecycle ON lifecycle.id_ = rollout.super_process_instance_id_
                WHERE a.act_id_ = 'deployBatch' AND lifecycle.business_key_ = ?""")
                .param(changeId).query(Long.class).single();
    }

    private static JsonNode stage(JsonNode rollout, String name) {
        for (JsonNode stage : rollout.path("stages")) {
            if (name.equals(stage.path("stage").asText())) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + name + " in " + rollout);
    }

    private static Map<String, String> hostStates(JsonNode ring) {
        Map<String, String> states = new LinkedHashMap<>();
        ring.path("hosts").forEach(h -> states.put(h.path("name").asText(), h.path("state").asText()));
        return states;
    }
}
