package io.patchflow.change.api;

import static io.patchflow.change.api.BadInputApiIntegrationTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/tasks}: claim and complete under the caller's engine authorizations, with answers a client can
 * act on. Each test walks its own change to the test sign-off (a normal change: high severity on production).
 */
class TaskApiIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pftsk";

    private String changeAtSignOff() throws Exception {
        List<HostSpec> fleet = List.of(new HostSpec("tsk-" + run + "-t1", "test", "high"),
                new HostSpec("tsk-" + run + "-p1", "prod", "high"), new HostSpec("tsk-" + run + "-p2", "prod", "high"));
        importHosts(fleet, PREFIX);
        return requestChange("alice", "Patch " + sourcePackage(PREFIX), loadAdvisory(PREFIX, CVSS_7_5),
                fleet.stream().map(HostSpec::name).toList());
    }

    @Test
    void completingATaskAnswersTheTaskAndMovesTheChangeOn() throws Exception {
        String id = changeAtSignOff();
        String task = awaitTask(id, "signOffTest", as("bob")).path("id").asText();

        complete(task, as("bob"), "{\"testResult\":\"passed\",\"testEvidence\":\"all checks green\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(task))
                .andExpect(jsonPath("$.taskDefinitionKey").value("signOffTest"))
                .andExpect(jsonPath("$.changeId").value(id));

        assertThat(awaitTask(id, "cabVote", as("carol")).path("changeId").asText()).isEqualTo(id);
        assertThat(change(id).path("state").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(entries(audit(id), "test.sign-off")).extracting(e -> e.path("actor").asText())
                .containsExactly("bob");
    }

    @Test
    void badFormFieldsAreRefusedNamingTheFieldAndLeaveTheTaskOpenAndUnclaimed() throws Exception {
        String id = changeAtSignOff();
        String task = awaitTask(id, "signOffTest", as("bob")).path("id").asText();

        problem(complete(task, as("bob"), "{\"testResult\":\"maybe\",\"testEvidence\":\"looked fine\"}"), 400,
                "testResult").andExpect(jsonPath("$.detail").value(Matchers.containsString("[failed, passed]")));
        problem(complete(task, as("bob"), "{\"testResult\":\"passed\"}"), 400, "testEvidence");
        problem(complete(task, as("bob"), "{\"testResult\":\"passed\",\"testEvidence\":\"ok\"}"), 400,
                "testEvidence");
        problem(complete(task, as("bob"), "{}"), 400, "testResult");
        problem(complete(task, as("bob"), "{\"testResult\":"), 400, null);
        problem(complete(task, as("bob"), "[\"passed\"]"), 400, null);
        problem(mvc.perform(post("/api/v1/tasks/{id}/complete", task).with(as("bob"))), 400, "testResult");

        JsonNode open = awaitTask(id, "signOffTest", as("bob"));
        assertThat(open.path("id").asText()).isEqualTo(task);
        assertThat(absent(open.path("assignee"))).as("the claim of a refused completion is rolled back").isTrue();
        assertThat(change(id).path("state").asText()).isEqualTo("IN_TEST");
        assertThat(kinds(audit(id))).doesNotContain("test.sign-off");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chg_participant WHERE change_id = ? AND role = 'tester'").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void unknownOrInvisibleTasksAnswer404AndATaskClaimedBySomeoneElseAnswers409() throws Exception {
        problem(mvc.perform(post("/api/v1/tasks/{id}/claim", "no-such-task").with(as("bob"))), 404, null);
        problem(complete("no-such-task", as("bob"), "{\"testResult\":\"passed\",\"testEvidence\":\"fine\"}"), 404,
                null);

        String id = changeAtSignOff();
        String task = awaitTask(id, "signOffTest", as("bob")).path("id").asText();
        problem(complete(task, as("carol"), "{\"vote\":\"approve\",\"reason\":\"fine\"}"), 404, null)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("that you may see")));

        mvc.perform(post("/api/v1/tasks/{id}/claim", task).with(as("bob"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(task))
                .andExpect(jsonPath("$.assignee").value("bob"));
        problem(complete(task, user("tess").roles("patch-testers"),
                "{\"testResult\":\"passed\",\"testEvidence\":\"my evidence\"}"), 409, null)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("claimed by bob")));
        problem(mvc.perform(post("/api/v1/tasks/{id}/claim", task).with(user("tess").roles("patch-testers"))), 409,
                null);
        assertThat(change(id).path("state").asText()).isEqualTo("IN_TEST");
    }
}
