package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A normal change through the task API: a high-severity advisory on important production hosts needs a tester's
 * sign-off and two CAB approvals (bob, then carol and dave over HTTP Basic as the demo users) before it rolls out
 * and closes.
 */
class NormalChangeEndToEndIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfnrm";

    @Test
    void aHighSeverityPatchOnProductionNeedsTestSignOffAndTwoCabApprovalsBeforeItRollsOutAndCloses()
            throws Exception {
        List<HostSpec> fleet = List.of(new HostSpec("nrm-" + run + "-t1", "test", "high"),
                new HostSpec("nrm-" + run + "-s1", "staging", "high"),
                new HostSpec("nrm-" + run + "-p1", "prod", "high"), new HostSpec("nrm-" + run + "-p2", "prod", "high"),
                new HostSpec("nrm-" + run + "-p3", "prod", "high"), new HostSpec("nrm-" + run + "-p4", "prod", "high"));
        List<String> names = fleet.stream().map(HostSpec::name).toList();
        importHosts(fleet, PREFIX);
        String advisory = loadAdvisory(PREFIX, CVSS_7_5);
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX) + " (high)", advisory, names);

        JsonNode signOff = awaitTask(id, "signOffTest", as("bob"));
        JsonNode inTest = change(id);
        assertThat(inTest.path("priority").asText()).isEqualTo("P2");
        assertThat(inTest.path("changeType").asText()).isEqualTo("normal");
        assertThat(inTest.path("state").asText()).isEqualTo("IN_TEST");
        assertThat(installedVersion("nrm-" + run + "-t1", PREFIX)).isEqualTo(FIXED_VERSION);
        assertThat(installedVersion("nrm-" + run + "-p1", PREFIX)).isEqualTo(OLD_VERSION);

        complete(signOff.path("id").asText(), as("bob"),
                "{\"testResult\":\"passed\",\"testEvidence\":\"smoke tests green on the test ring\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.taskDefinitionKey").value("signOffTest"));

        JsonNode carolsVote = awaitTask(id, "cabVote", as("carol"));
        assertThat(change(id).path("state").asText()).isEqualTo("AWAITING_APPROVAL");
        complete(carolsVote.path("id").asText(), as("carol"),
                "{\"vote\":\"approve\",\"reason\":\"low risk, tested\"}").andExpect(status().isOk());
        JsonNode davesVote = awaitTask(id, "cabVote", as("dave"));
        complete(davesVote.path("id").asText(), as("dave"),
                "{\"vote\":\"approve\",\"reason\":\"rollback plan is fine\"}").andExpect(status().isOk());

        JsonNode closed = awaitEnd(id);
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("outcome").asText()).isEqualTo("VERIFIED");
        for (String host : names) {
            assertThat(installedVersion(host, PREFIX)).as(host).isEqualTo(FIXED_VERSION);
        }

        List<JsonNode> trail = audit(id);
        assertThat(inOrder(kinds(trail), List.of("change.requested", "policy.patch-priority",
                "policy.change-classification", "ticket.opened", "test.sign-off", "approval.vote", "approval.vote",
                "approval.decided", "schedule", "verification", "change.sealed")))
                .as("decisions in order, found %s", kinds(trail)).isTrue();
        assertThat(entries(trail, "policy.patch-priority").get(0).path("inputs").path("cvssScore").asDouble())
                .isEqualTo(7.5);
        JsonNode signedOff = entries(trail, "test.sign-off").get(0);
        assertThat(signedOff.path("actor").asText()).isEqualTo("bob");
        assertThat(signedOff.path("reason").asText()).isEqualTo("smoke tests green on the test ring");
        assertThat(signedOff.path("outcome").path("testResult").asText()).isEqualTo("passed");
        List<JsonNode> votes = entries(trail, "approval.vote");
        assertThat(votes).extracting(v -> v.path("actor").asText()).containsExactly("carol", "dave");
        assertThat(votes).extracting(v -> v.path("reason").asText())
                .containsExactly("low risk, tested", "rollback plan is fine");
        assertThat(votes).allSatisfy(v -> assertThat(v.path("outcome").path("vote").asText()).isEqualTo("approve"));
        JsonNode decided = entries(trail, "approval.decided").get(0);
        assertThat(decided.path("outcome").path("approved").asBoolean()).isTrue();
        assertThat(decided.path("actor").asText()).isEqualTo("policy:cab-quorum");
        assertThat(kinds(trail)).doesNotContain("approval.policy", "sod.violation");
    }
}
