package io.patchflow.itsm.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.RuntimeService;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with Jira Cloud as its ticket system, WireMock standing in for Jira (answers taken from
 * Atlassian's OpenAPI description, every request checked against it). Its own schema and context: its job executor
 * must not run the shared context's jobs. Proves: one issue per change, decisions delivered in order across an
 * outage and a rate limit, an incident and a held change when retries run out, and a cancel in Jira cancelling
 * the change (signed, replay-safe webhook).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
// A context of its own, closed after the class: its engine, job threads and connections are not kept for nothing
// beside the shared context while the other test classes run.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JiraLifecycleIntegrationTest extends LifecycleSteps {

    private static final String PREFIX = "pfjira";
    private static final String SECRET = "jira-webhook-secret-for-integration-tests";
    private static final JiraStandIn JIRA = new JiraStandIn();
    private static final String JIRA_SCHEMA = TestPostgres.newSchema("pf_jira_");
    private static final String ISSUE = "/rest/api/3/issue";

    @Autowired
    RuntimeService runtime;

    private String key;

    /** The shared context's properties, in a schema of its own, and Jira. */
    @DynamicPropertySource
    static void jira(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.postgres(registry, () -> JIRA_SCHEMA);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("camunda.bpm.job-execution.core-pool-size", () -> "3");
        registry.add("camunda.bpm.job-execution.max-pool-size", () -> "3");
        registry.add("patchflow.itsm.system", () -> "jira");
        registry.add("patchflow.itsm.jira.base-url", () -> JIRA.baseUrl().toString());
        registry.add("patchflow.itsm.jira.email", () -> "patchflow@example.com");
        registry.add("patchflow.itsm.jira.api-token", () -> "integration-test-token");
        registry.add("patchflow.itsm.jira.project-key", () -> "CHG");
        registry.add("patchflow.itsm.jira.patchflow-url", () -> "https://patchflow.example.com");
        registry.add("patchflow.itsm.jira.webhook.secret", () -> SECRET);
        registry.add("patchflow.itsm.jira.fields.risk", () -> "customfield_10100");
        // One attempt per call: the update queue does the retrying here, which is what these tests watch.
        registry.add("patchflow.itsm.jira.attempts", () -> "1");
        registry.add("patchflow.itsm.updates.poll", () -> "100ms");
        registry.add("patchflow.itsm.updates.initial-backoff", () -> "100ms");
        registry.add("patchflow.itsm.updates.max-backoff", () -> "300ms");
        registry.add("patchflow.itsm.updates.max-attempts", () -> "5");
    }

    @BeforeEach
    void jiraAnswers() throws Exception {
        JiraStandIn.requireDescription();
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single())
                .as("this context works in a schema of its own").isEqualTo(JIRA_SCHEMA);
        key = "CHG-" + (100 + JIRA.server.getStubMappings().size());
        JIRA.server.stubFor(post(ISSUE).willReturn(json(201, JIRA.example(ISSUE, "post", 201).put("key", key))));
        ObjectNode none = JIRA.example("/rest/api/3/search", "post", 200);
        ((ArrayNode) none.path("issues")).removeAll();
        JIRA.server.stubFor(post("/rest/api/3/search").willReturn(json(200, none.put("total", 0))));
        JIRA.server.stubFor(post(ISSUE + "/" + key + "/remotelink")
                .willReturn(json(201, JIRA.example(ISSUE + "/{issueIdOrKey}/remotelink", "post", 201))));
        ObjectNode issue = JIRA.example(ISSUE + "/{issueIdOrKey}", "get", 200);
        ((ObjectNode) issue.path("fields")).putObject("status").put("name", "Open");
        JIRA.server.stubFor(get(urlPathEqualTo(ISSUE + "/" + key)).willReturn(json(200, issue)));
        JIRA.server.stubFor(get(urlPathEqualTo(ISSUE + "/" + key + "/transitions")).willReturn(json(200,
                transitions())));
        JIRA.server.stubFor(post(ISSUE + "/" + key + "/transitions").willReturn(aResponse().withStatus(204)));
        // Comments are taken; a retry that looks for its comment first finds only the description's example one.
        JIRA.server.stubFor(post(ISSUE + "/" + key + "/comment")
                .willReturn(json(201, JIRA.example(ISSUE + "/{issueIdOrKey}/comment", "post", 201))));
        JIRA.server.stubFor(get(urlPathEqualTo(ISSUE + "/" + key + "/comment"))
                .willReturn(json(200, JIRA.example(ISSUE + "/{issueIdOrKey}/comment", "get", 200))));
    }

    @Test
    void everyDecisionReachesTheOneIssueInOrderAfterAnOutageAndARateLimit() throws Exception {
        String comments = ISSUE + "/" + key + "/comment";
        // Jira fails the first comment twice (503), then rate-limits it once, then answers.
        JIRA.server.stubFor(post(comments).inScenario(key).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("down-again").willReturn(aResponse().withStatus(503)));
        JIRA.server.stubFor(post(comments).inScenario(key).whenScenarioStateIs("down-again")
                .willSetStateTo("limited").willReturn(aResponse().withStatus(503)));
        JIRA.server.stubFor(post(comments).inScenario(key).whenScenarioStateIs("limited").willSetStateTo("up")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        JIRA.server.stubFor(post(comments).inScenario(key).whenScenarioStateIs("up")
                .willReturn(json(201, JIRA.example(comments.replace(key, "{issueIdOrKey}"), "post", 201))));

        String id = startChange("j1");
        assertThat(awaitTicket(id)).isEqualTo(key);
        JsonNode signOff = awaitTask(id, "signOffTest", as("bob"));
        complete(signOff.path("id").asText(), as("bob"), "{\"testResult\":\"passed\",\"testEvidence\":\"smoke "
                + "tests green\"}").andExpect(status().isOk());
        assertThat(awaitEnd(id).path("state").asText()).as("a standard change, approved by policy")
                .isEqualTo("CLOSED");
        await("every update of " + id + " delivered", id, () -> jdbc.sql("SELECT COUNT(*) FROM itsm_outbox "
                + "WHERE change_id = ? AND state <> 'DELIVERED'").param(id).query(Long.class).single(), n -> n == 0);

        List<String> texts = succeeded(comments).stream().map(LoggedRequest::getBodyAsString).toList();
        assertThat(texts).as("one comment per queued comment, none twice").hasSize(jdbc.sql("SELECT COUNT(*) FROM "
                + "itsm_outbox WHERE change_id = ? AND kind = 'COMMENT'").param(id).query(Long.class).single()
                .intValue());
        assertThat(markers(texts)).as("in the order queued").isSorted().doesNotHaveDuplicates();
        assertThat(texts.get(0)).as("the policy's comment first").contains("policy: ").contains("Priority");
        assertThat(texts).as("every decision, such as the sign-off, with who made it")
                .anySatisfy(t -> assertThat(t).contains("bob: ").contains("smoke tests green"));
        List<LoggedRequest> attempts = requests("POST", comments);
        assertThat(attempts.get(3).getLoggedDate().getTime() - attempts.get(2).getLoggedDate().getTime())
                .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(1000);
        assertThat(requests("POST", ISSUE)).as("one issue for the change").hasSize(1);
        List<String> moves = requests("POST", ISSUE + "/" + key + "/transitions").stream()
                .map(r -> r.getBodyAsString().replaceAll("(?s).*\"transition\":\\{\"id\":\"(\\d+)\".*", "$1"))
                .toList();
        assertThat(moves).as("In Progress, then Close, each by the id Jira offers under its name")
                .containsExactly("11", "13");
        assertThat(JIRA.sentTo("POST", ISSUE + "/" + key + "/remotelink")).extracting(l -> l.path("globalId")
                .asText()).as("the change, then its evidence").containsExactly(id, id + "/evidence");
        JIRA.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void anUpdateJiraKeepsRefusingStallsTheChangeWithAnIncidentUntilItIsRetried() throws Exception {
        String comments = ISSUE + "/" + key + "/comment";
        JIRA.server.stubFor(post(comments).willReturn(aResponse().withStatus(500)));

        String id = startChange("j2");
        awaitTicket(id);
        String instance = change(id).path("processInstanceId").asText();
        await("an incident on " + id, id, () -> runtime.createIncidentQuery().processInstanceId(instance)
                .incidentType("ticketUpdateFailed").count(), n -> n == 1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().isSuspended())
                .as("the change does not move on").isTrue();
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/changes/{id}/cancel", id).with(as("erin"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"while held\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("/retry")));
        JsonNode stalled = entries(audit(id), "ticket.update-stalled").get(0);
        assertThat(stalled.path("summary").asText()).contains(key).contains("5 attempts")
                .contains("/api/v1/itsm/updates/" + id + "/retry");

        JIRA.server.stubFor(post(comments)
                .willReturn(json(201, JIRA.example(comments.replace(key, "{issueIdOrKey}"), "post", 201))));
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/itsm/updates/{id}/retry", id).with(as("bob")))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/itsm/updates/{id}/retry", id).with(as("erin")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.requeued").value(1));

        await("the policy comment on " + key, id, () -> succeeded(comments), sent -> !sent.isEmpty());
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).incidentType("ticketUpdateFailed")
                .count()).isZero();
        awaitTask(id, "signOffTest", as("bob"));
        assertThat(entries(audit(id), "ticket.updates-retried").get(0).path("actor").asText()).isEqualTo("erin");
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/itsm/updates/{id}/retry", id).with(as("erin")))
                .andExpect(status().isConflict());
    }

    @Test
    void aCancelInJiraCancelsTheChangeOnTheRecordAsJiraAndItsUserOnceOnly() throws Exception {
        String id = startChange("j3");
        awaitTicket(id);
        awaitTask(id, "signOffTest", as("bob"));
        String delivery = UUID.randomUUID().toString();
        byte[] body = cancelEvent(id, System.currentTimeMillis());

        webhook(body, "sha256=" + "0".repeat(64), delivery).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("X-Hub-Signature")));
        webhook(body, null, delivery).andExpect(status().isUnauthorized());
        assertThat(change(id).path("state").asText()).as("nothing done on a bad signature")
                .isNotEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM itsm_webhook_delivery WHERE delivery_id = ?").param(delivery)
                .query(Long.class).single()).isZero();
        webhook(cancelEvent(id, System.currentTimeMillis() - 3_600_000), null, UUID.randomUUID().toString(), true)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("timestamp"));

        byte[] huge = new byte[JiraWebhookController.MAX_BODY + 1];
        webhook(huge, null, UUID.randomUUID().toString(), true).andExpect(status().isPayloadTooLarge());
        webhook("{\"timestamp\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8), null, UUID.randomUUID()
                .toString(), true).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("timestamp"));

        webhook(body, sign(body), delivery).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.outcome").value("cancelling")).andExpect(jsonPath("$.change").value(id));
        webhook(body, sign(body), delivery).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("duplicate"));

        assertThat(awaitEnd(id).path("state").asText()).isEqualTo("CANCELLED");
        List<JsonNode> trail = audit(id);
        assertThat(entries(trail, "change.cancelled")).hasSize(1);
        JsonNode cancelled = entries(trail, "change.cancelled").get(0);
        assertThat(cancelled.path("actor").asText()).isEqualTo("jira:Sam Service Desk (557058:sam)");
        assertThat(cancelled.path("reason").asText()).contains(key).contains("Canceled");
        JsonNode requested = entries(trail, "itsm.cancel-requested").get(0);
        assertThat(requested.path("inputs").path("delivery").asText()).isEqualTo(delivery);
        assertThat(requested.path("inputs").path("jiraUser").asText()).isEqualTo("Sam Service Desk (557058:sam)");
    }

    private String startChange(String suffix) throws Exception {
        List<HostSpec> fleet = List.of(new HostSpec("jira-" + run + "-t" + suffix, "test", "high"),
                new HostSpec("jira-" + run + "-p" + suffix, "prod", "high"));
        importHosts(fleet, PREFIX + suffix);
        return requestChange("alice", "Patch " + sourcePackage(PREFIX + suffix),
                loadAdvisory(PREFIX + suffix, CVSS_7_5), fleet.stream().map(HostSpec::name).toList());
    }

    private String awaitTicket(String id) throws Exception {
        return await("the Jira issue of " + id, id, () -> change(id).path("ticket").path("key").asText(""),
                k -> !k.isEmpty());
    }

    private byte[] cancelEvent(String changeId, long timestamp) {
        return """
                {"timestamp":%d,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_generic",
                 "user":{"accountId":"557058:sam","displayName":"Sam Service Desk"},
                 "issue":{"id":"10000","key":"%s","fields":{"labels":["patchflow-%s"],"status":{"name":"Canceled"}}},
                 "changelog":{"id":"1","items":[{"field":"status","fieldtype":"jira","fromString":"In Progress",
                   "toString":"Canceled"}]}}""".formatted(timestamp, key, changeId).getBytes(StandardCharsets.UTF_8);
    }

    private org.springframework.test.web.servlet.ResultActions webhook(byte[] body, String signature,
            String delivery) throws Exception {
        return webhook(body, signature, delivery, false);
    }

    private org.springframework.test.web.servlet.ResultActions webhook(byte[] body, String signature,
            String delivery, boolean signIt) throws Exception {
        var request = MockMvcRequestBuilders.post("/api/v1/itsm/jira/webhook").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("X-Atlassian-Webhook-Identifier", delivery);
        String header = signIt ? sign(body) : signature;
        return mvc.perform(header == null ? request : request.header("X-Hub-Signature", header));
    }

    private static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** The example transitions of the description, one per configured workflow step, ids 11.. in this order. */
    private static ObjectNode transitions() {
        ObjectNode answer = JIRA.example(ISSUE + "/{issueIdOrKey}/transitions", "get", 200);
        ArrayNode offered = (ArrayNode) answer.path("transitions");
        ObjectNode template = (ObjectNode) offered.get(0);
        offered.removeAll();
        int id = 11;
        for (String[] step : new String[][] {{"Start progress", "In Progress"}, {"Resolve", "Resolved"},
            {"Close", "Closed"}, {"Cancel", "Canceled"}, {"Decline", "Declined"}}) {
            ObjectNode transition = template.deepCopy().put("id", String.valueOf(id++)).put("name", step[0]);
            ((ObjectNode) transition.path("to")).put("name", step[1]);
            offered.add(transition);
        }
        return answer;
    }

    private static List<LoggedRequest> requests(String method, String path) {
        return JIRA.requests().stream().filter(r -> r.getMethod().getName().equals(method)
                && r.getUrl().split("\\?")[0].equals(path)).toList();
    }

    /** The requests to {@code path} that Jira answered with success, in the order they were sent. */
    private static List<LoggedRequest> succeeded(String path) {
        List<LoggedRequest> ok = new ArrayList<>();
        reversed(JIRA.server.getAllServeEvents()).forEach(event -> {
            if (event.getRequest().getUrl().equals(path) && event.getResponse().getStatus() < 300) {
                ok.add(event.getRequest());
            }
        });
        return ok;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static List<Long> markers(List<String> bodies) {
        return bodies.stream().map(b -> b.replaceAll("(?s).*\\(patchflow update (\\d+)\\).*", "$1"))
                .map(Long::valueOf).toList();
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }
}
