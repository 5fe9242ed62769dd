package io.patchflow.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Camunda's authorizations with Keycloak's people, on a real change, through the engine REST API and Patchflow's task
 * API with Keycloak tokens: candidate groups come from Keycloak's groups, so a tester never sees a CAB task; a
 * compliance officer reads every task and all history and changes nothing; an operator cannot approve.
 */
class KeycloakTaskAuthorizationsIntegrationTest extends KeycloakIntegrationTest {

    @Test
    void keycloakGroupsDecideWhoSeesClaimsAndCompletesEachTask() {
        String id = normalChangeAwaitingTestSignOff("kcauth");

        // Test sign-off: the testers' task. The CAB does not see it; compliance reads it.
        String signOff = engineTasks(id, "bob").get(0).path("id").asText();
        assertThat(engineTasks(id, "carol")).as("a CAB member does not see the test sign-off").isEmpty();
        assertThat(engineTasks(id, "alice")).as("the operator does not see the test sign-off").isEmpty();
        assertThat(engineTasks(id, "frank")).as("compliance officers read every task").hasSize(1);
        assertThat(as("frank", "POST", "/engine-rest/task/" + signOff + "/claim", "{\"userId\":\"frank\"}")
                .statusCode()).as("compliance officers change nothing").isEqualTo(403);
        assertThat(as("carol", "POST", "/engine-rest/task/" + signOff + "/claim", "{\"userId\":\"carol\"}")
                .statusCode()).isIn(403, 404);
        expect(as("bob", "POST", "/engine-rest/task/" + signOff + "/claim", "{\"userId\":\"bob\"}"), 204);
        expect(as("bob", "POST", "/engine-rest/task/" + signOff + "/submit-form",
                "{\"variables\":{\"testResult\":{\"value\":\"passed\"},\"testEvidence\":{\"value\":\"keycloak\"}}}"),
                204);

        // CAB votes: only the CAB sees them; the tester and the operator cannot vote.
        List<JsonNode> votes = await("the CAB votes of " + id, () -> engineTasks(id, "carol"), t -> t.size() == 2);
        assertThat(votes).extracting(t -> t.path("taskDefinitionKey").asText()).containsOnly("cabVote");
        assertThat(engineTasks(id, "bob")).as("a tester does not see CAB tasks").isEmpty();
        assertThat(engineTasks(id, "alice")).as("an operator does not see CAB tasks").isEmpty();
        String vote = votes.get(0).path("id").asText();
        assertThat(as("alice", "POST", "/engine-rest/task/" + vote + "/claim", "{\"userId\":\"alice\"}").statusCode())
                .as("an operator cannot claim a CAB vote").isIn(403, 404);
        assertThat(as("alice", "POST", "/api/v1/tasks/" + vote + "/complete",
                "{\"vote\":\"approve\",\"reason\":\"operator\"}").statusCode())
                .as("an operator cannot approve").isIn(403, 404);
        assertThat(as("bob", "POST", "/api/v1/tasks/" + vote + "/complete",
                "{\"vote\":\"approve\",\"reason\":\"tester\"}").statusCode())
                .as("a tester cannot approve").isIn(403, 404);

        // Compliance: all of the history, and no writes.
        assertThat(list(read(expect(as("frank", "GET", "/engine-rest/history/task?processInstanceBusinessKey=" + id
                + "&finished=true", null), 200)))).extracting(t -> t.path("assignee").asText()).containsExactly("bob");
        JsonNode instance = list(read(expect(as("frank", "GET",
                "/engine-rest/history/process-instance?processInstanceBusinessKey=" + id, null), 200))).get(0);
        assertThat(list(read(expect(as("frank", "GET", "/engine-rest/history/variable-instance?processInstanceId="
                + instance.path("id").asText(), null), 200)))).isNotEmpty();
        assertThat(as("frank", "POST", "/engine-rest/task/" + vote + "/complete", "{}").statusCode()).isEqualTo(403);
        assertThat(as("frank", "POST", "/engine-rest/task/" + vote + "/variables",
                "{\"modifications\":{\"vote\":{\"value\":\"approve\"}}}").statusCode()).isEqualTo(403);
        assertThat(as("frank", "DELETE", "/engine-rest/process-instance/" + instance.path("id").asText(), null)
                .statusCode()).isEqualTo(403);
        assertThat(as("frank", "POST", "/api/v1/tasks/" + vote + "/complete", "{\"vote\":\"approve\",\"reason\":\"x\"}")
                .statusCode()).isEqualTo(403);

        // The CAB approves with Keycloak identities; separation of duties and the audit trail see their names.
        for (JsonNode task : votes) {
            String voter = task.path("id").asText().equals(vote) ? "carol" : "dave";
            expect(as(voter, "POST", "/api/v1/tasks/" + task.path("id").asText() + "/complete",
                    "{\"vote\":\"approve\",\"reason\":\"approved by " + voter + "\"}"), 200);
        }
        JsonNode moved = await(id + " past approval", () -> read(expect(as("frank", "GET", "/api/v1/changes/" + id,
                null), 200)), c -> !Set.of("IN_TEST", "AWAITING_APPROVAL").contains(c.path("state").asText()));
        assertThat(moved.path("state").asText()).isNotIn("REJECTED", "CANCELLED");
        List<JsonNode> trail = list(read(expect(as("frank", "GET", "/api/v1/changes/" + id + "/audit", null), 200)));
        assertThat(trail.stream().filter(e -> "approval.vote".equals(e.path("kind").asText()))
                .map(e -> e.path("actor").asText())).containsExactlyInAnyOrder("carol", "dave");
        assertThat(trail.stream().filter(e -> "test.sign-off".equals(e.path("kind").asText()))
                .map(e -> e.path("actor").asText())).containsExactly("bob");
    }
}
