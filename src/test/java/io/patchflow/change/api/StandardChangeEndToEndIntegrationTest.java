package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A standard change through the public API on PostgreSQL with the real job executor: a medium-severity advisory on
 * a small fleet is pre-approved by policy, rolled out ring by ring, verified by a rescan and closed, and every
 * decision is on the record in the order it was taken.
 */
class StandardChangeEndToEndIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfstd";

    @Test
    void aMediumSeverityPatchIsApprovedByPolicyRolledOutVerifiedAndClosedWithEveryDecisionOnRecord()
            throws Exception {
        List<HostSpec> fleet = new ArrayList<>();
        fleet.add(new HostSpec("std-" + run + "-t1", "test", "medium"));
        fleet.add(new HostSpec("std-" + run + "-t2", "test", "low"));
        for (int i = 1; i <= 3; i++) {
            fleet.add(new HostSpec("std-" + run + "-s" + i, "staging", "medium"));
        }
        for (int i = 1; i <= 5; i++) {
            fleet.add(new HostSpec("std-" + run + "-p" + i, "prod", "medium"));
        }
        List<String> names = fleet.stream().map(HostSpec::name).toList();
        importHosts(fleet, PREFIX);
        String advisory = loadAdvisory(PREFIX, CVSS_5_3);

        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX) + " (medium)", advisory, names);
        JsonNode closed = awaitEnd(id);

        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("priority").asText()).isEqualTo("P3");
        assertThat(closed.path("changeType").asText()).isEqualTo("standard");
        assertThat(closed.path("requestedBy").asText()).isEqualTo("alice");
        assertThat(closed.path("outcome").asText()).isEqualTo("VERIFIED");
        assertThat(closed.path("affectedHosts").asInt()).isEqualTo(10);
        assertThat(closed.path("ticket").path("key").asText()).isNotBlank();
        assertThat(closed.path("closedAt").asText()).isNotBlank();

        JsonNode stages = rollout(id).path("stages");
        assertThat(texts(stages, "stage")).containsExactly("test", "production");
        List<String> rolledOut = new ArrayList<>();
        for (JsonNode stage : stages) {
            assertThat(stage.path("state").asText()).as("stage %s", stage.path("stage")).isEqualTo("COMPLETED");
            for (JsonNode ring : stage.path("rings")) {
                assertThat(ring.path("state").asText()).isEqualTo("COMPLETED");
                for (JsonNode h : ring.path("hosts")) {
                    assertThat(h.path("state").asText()).as("host %s", h.path("name")).isEqualTo("SUCCEEDED");
                    rolledOut.add(h.path("name").asText());
                }
            }
        }
        assertThat(texts(stages.get(0).path("rings"), "name")).containsExactly("test");
        assertThat(texts(stages.get(1).path("rings"), "name")).containsExactly("canary", "pilot", "broad");
        assertThat(rolledOut).containsExactlyInAnyOrderElementsOf(names);

        for (String host : names) {
            assertThat(installedVersion(host, PREFIX)).as(host).isEqualTo(FIXED_VERSION);
        }

        List<JsonNode> trail = audit(id);
        assertThat(inOrder(kinds(trail), List.of("change.requested", "evaluation.facts", "policy.patch-priority",
                "policy.change-classification", "ticket.opened", "approval.policy", "schedule", "rollout.batch",
                "verification", "change.sealed")))
                .as("decisions in order, found %s", kinds(trail)).isTrue();
        assertThat(kinds(trail).get(kinds(trail).size() - 1)).isEqualTo("change.sealed");
        assertThat(entries(trail, "change.requested").get(0).path("actor").asText()).isEqualTo("alice");
        JsonNode priority = entries(trail, "policy.patch-priority").get(0);
        assertThat(priority.path("actor").asText()).isEqualTo("policy:patch-priority");
        assertThat(priority.path("inputs").path("cvssScore").asDouble()).isEqualTo(5.3);
        assertThat(priority.path("inputs").has("assetCriticality")).isTrue();
        assertThat(priority.path("inputs").has("environment")).isTrue();
        assertThat(priority.path("outcome").path("priority").asText()).isEqualTo("P3");
        assertThat(priority.path("outcome").path("decisionVersion").asInt()).isPositive();
        JsonNode classification = entries(trail, "policy.change-classification").get(0);
        assertThat(classification.path("outcome").path("changeType").asText()).isEqualTo("standard");
        assertThat(classification.path("outcome").path("decisionVersion").asInt()).isPositive();
        assertThat(entries(trail, "approval.policy").get(0).path("actor").asText())
                .isEqualTo("policy:change-classification");
        assertThat(entries(trail, "verification").get(0).path("outcome").path("verified").asBoolean()).isTrue();
        assertThat(entries(trail, "change.sealed").get(0).path("outcome").path("state").asText()).isEqualTo("CLOSED");

        mvc.perform(get("/api/v1/audit/verify").with(as("frank"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.firstBrokenEntry").isEmpty());

        // A change that has ended cannot be cancelled any more.
        mvc.perform(post("/api/v1/changes/{id}/cancel", id).with(as("erin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"too late\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("has already ended")));
        assertThat(change(id).path("state").asText()).isEqualTo("CLOSED");
    }
}
