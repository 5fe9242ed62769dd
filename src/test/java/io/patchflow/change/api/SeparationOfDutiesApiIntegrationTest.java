package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Separation of duties through the task API, enforced by the engine whatever the caller's groups: the requester
 * may not sign off the test, the tester may not vote, nobody votes twice. Each refusal answers 403 naming the rule
 * and stays on the audit record although the refused claim was rolled back. One CAB rejection rejects the change.
 */
class SeparationOfDutiesApiIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfsod";

    /** alice is an operator who also tests: her groups let her see the sign-off task, the rule still refuses. */
    private static final RequestPostProcessor ALICE_AS_TESTER = user("alice").roles("patch-operators",
            "patch-testers");
    /** bob sits on the CAB as well: after signing off the test he still may not vote on the same change. */
    private static final RequestPostProcessor BOB_AS_CAB_MEMBER = user("bob").roles("patch-testers", "cab");

    @Test
    void requesterTesterAndRepeatVoterAreRefusedOnTheRecordAndOneCabRejectionRejectsTheChange() throws Exception {
        List<HostSpec> fleet = List.of(new HostSpec("sod-" + run + "-t1", "test", "high"),
                new HostSpec("sod-" + run + "-p1", "prod", "high"), new HostSpec("sod-" + run + "-p2", "prod", "high"));
        importHosts(fleet, PREFIX);
        String advisory = loadAdvisory(PREFIX, CVSS_7_5);
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX), advisory,
                fleet.stream().map(HostSpec::name).toList());

        JsonNode signOff = awaitTask(id, "signOffTest", ALICE_AS_TESTER);
        refused(complete(signOff.path("id").asText(), ALICE_AS_TESTER,
                "{\"testResult\":\"passed\",\"testEvidence\":\"I tested it myself\"}"), "requester-cannot-test");
        assertThat(awaitTask(id, "signOffTest", as("bob")).path("id").asText())
                .as("the refused claim is rolled back: the task is still open and unassigned")
                .isEqualTo(signOff.path("id").asText());

        complete(signOff.path("id").asText(), as("bob"),
                "{\"testResult\":\"passed\",\"testEvidence\":\"regression suite passed\"}").andExpect(status().isOk());

        JsonNode vote = awaitTask(id, "cabVote", BOB_AS_CAB_MEMBER);
        refused(complete(vote.path("id").asText(), BOB_AS_CAB_MEMBER,
                "{\"vote\":\"approve\",\"reason\":\"I tested it\"}"), "tester-cannot-approve");
        refused(complete(vote.path("id").asText(), user("alice").roles("patch-operators", "cab"),
                "{\"vote\":\"approve\",\"reason\":\"my own change\"}"), "requester-cannot-approve");

        complete(vote.path("id").asText(), as("carol"), "{\"vote\":\"approve\",\"reason\":\"fine by me\"}")
                .andExpect(status().isOk());
        JsonNode second = awaitTask(id, "cabVote", as("carol"));
        refused(complete(second.path("id").asText(), as("carol"),
                "{\"vote\":\"approve\",\"reason\":\"approving again\"}"), "one-vote-per-person");
        assertThat(jdbc.sql("SELECT voter FROM chg_vote WHERE change_id = ?").param(id).query(String.class).list())
                .containsExactly("carol");
        assertThat(change(id).path("state").asText()).isEqualTo("AWAITING_APPROVAL");

        complete(second.path("id").asText(), as("dave"),
                "{\"vote\":\"reject\",\"reason\":\"conflicts with the database upgrade\"}").andExpect(status().isOk());

        JsonNode rejected = awaitEnd(id);
        assertThat(rejected.path("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("outcome").asText()).isEqualTo("REJECTED");
        String ticket = rejected.path("ticket").path("key").asText();
        // The ticket is moved by the update queue once the rejection committed.
        await("ticket " + ticket + " rejected", id, () -> mvc.perform(get("/api/v1/tickets/{key}", ticket)
                .with(as("frank"))).andReturn().getResponse().getContentAsString(), body -> body.contains("REJECTED"));
        mvc.perform(get("/api/v1/tickets/{key}", ticket).with(as("frank"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.changeId").value(id))
                .andExpect(jsonPath("$.status").value("REJECTED"));
        assertThat(installedVersion("sod-" + run + "-p1", PREFIX)).as("a rejected change is not rolled out")
                .isEqualTo(OLD_VERSION);

        List<JsonNode> trail = audit(id);
        List<JsonNode> refusals = entries(trail, "sod.violation");
        assertThat(refusals).extracting(e -> e.path("actor").asText() + ":" + e.path("inputs").path("rule").asText())
                .containsExactly("alice:requester-cannot-test", "bob:tester-cannot-approve",
                        "alice:requester-cannot-approve", "carol:one-vote-per-person");
        assertThat(refusals).allSatisfy(e -> assertThat(e.path("outcome").path("refused").asBoolean()).isTrue());
        assertThat(entries(trail, "test.sign-off")).extracting(e -> e.path("actor").asText()).containsExactly("bob");
        assertThat(entries(trail, "approval.vote")).extracting(e -> e.path("actor").asText())
                .containsExactly("carol", "dave");
        JsonNode decided = entries(trail, "approval.decided").get(0);
        assertThat(decided.path("outcome").path("approved").asBoolean()).isFalse();
        assertThat(entries(trail, "ticket.transition")).extracting(e -> e.path("outcome").path("status").asText())
                .contains("REJECTED");
        assertThat(entries(trail, "change.sealed").get(0).path("outcome").path("state").asText())
                .isEqualTo("REJECTED");
        assertThat(kinds(trail)).doesNotContain("schedule", "verification");
    }

    private static void refused(ResultActions result, String rule) throws Exception {
        result.andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value(rule))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("Separation of duties: ")));
    }
}
