package io.patchflow.itsm.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketSystemBusy;
import io.patchflow.shared.ConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jira Cloud (REST v3) through WireMock: what Patchflow sends is checked against Atlassian's OpenAPI description,
 * what it is answered is the description's examples. Covers opening (lookup before create, field mapping, remote
 * link), comments in ADF, transitions by name, and outages: 5xx, timeouts, 429 with Retry-After.
 */
class JiraCloudContractTest {

    private static final String ISSUE = "/rest/api/3/issue";
    private static final String SEARCH = "/rest/api/3/search";
    private static final String KEY = "ED-24";

    private JiraStandIn jira;
    private JiraTestSettings.RecordedWaits waits;
    private JiraTicketSystem tickets;

    @BeforeEach
    void standIn() {
        JiraStandIn.requireDescription();
        jira = new JiraStandIn();
        waits = new JiraTestSettings.RecordedWaits();
        tickets = JiraTestSettings.ticketSystem(JiraTestSettings.cloud(jira.baseUrl()), waits);
    }

    @AfterEach
    void stop() {
        jira.close();
    }

    @Test
    void opensOneIssueWithTheMappedFieldsAndLinksItBackToTheChange() {
        searchFinds();
        jira.server.stubFor(post(ISSUE).willReturn(json(201, jira.example(ISSUE, "post", 201))));
        remoteLinkAnswers(KEY);

        TicketRef ref = tickets.open(request("CHG-2026-0042", "P1"));

        assertThat(ref).isEqualTo(new TicketRef("jira", KEY, jira.baseUrl() + "/browse/" + KEY));
        JsonNode search = jira.sentTo("POST", SEARCH).get(0);
        assertThat(search.path("jql").asText()).isEqualTo(
                "project = \"CHG\" AND labels = \"patchflow-CHG-2026-0042\" ORDER BY created ASC");
        JsonNode fields = jira.sentTo("POST", ISSUE).get(0).path("fields");
        assertThat(fields.path("project").path("key").asText()).isEqualTo("CHG");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Change");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Highest");
        assertThat(fields.path("summary").asText()).isEqualTo("CHG-2026-0042: Patch openssl on the web tier");
        assertThat(fields.path("labels").get(0).asText()).isEqualTo("patchflow-CHG-2026-0042");
        assertThat(fields.path("description").path("type").asText()).as("ADF document").isEqualTo("doc");
        assertThat(fields.path("customfield_10100").asText()).isEqualTo("critical");
        assertThat(fields.path("customfield_10101").asText()).isEqualTo("emergency");
        assertThat(fields.path("customfield_10102").asInt()).isEqualTo(12);
        assertThat(fields.path("customfield_10103").asText()).isEqualTo("2026-11-23");
        JsonNode link = jira.sentTo("POST", ISSUE + "/" + KEY + "/remotelink").get(0);
        assertThat(link.path("globalId").asText()).isEqualTo("CHG-2026-0042");
        assertThat(link.path("object").path("url").asText())
                .isEqualTo("https://patchflow.example.com/api/v1/changes/CHG-2026-0042");
        assertThat(jira.requests()).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("patchflow@example.com:cloud-api-token"
                        .getBytes(StandardCharsets.UTF_8))));
        jira.assertEveryRequestMatchesTheDescription();
    }

    /** A crash after Jira created the issue but before Patchflow stored its key: the retry finds it. */
    @Test
    void aRetryAfterACrashBetweenCreateAndStoreFindsTheIssueInsteadOfCreatingASecond() {
        searchFinds(KEY);
        remoteLinkAnswers(KEY);

        TicketRef ref = tickets.open(request("CHG-2026-0043", "P3"));

        assertThat(ref.key()).isEqualTo(KEY);
        jira.server.verify(0, postRequestedFor(urlPathEqualTo(ISSUE)));
        assertThat(jira.sentTo("POST", ISSUE + "/" + KEY + "/remotelink").get(0).path("globalId").asText())
                .as("linking again with the same globalId replaces the link").isEqualTo("CHG-2026-0043");
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void commentsAreAdfDocumentsNamingWhoDecided() {
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/comment")
                .willReturn(json(201, jira.example(ISSUE + "/{issueIdOrKey}/comment", "post", 201))));

        tickets.comment(ref(), "carol", "Approve: tested on the canary\nno regressions");

        JsonNode body = jira.sentTo("POST", ISSUE + "/" + KEY + "/comment").get(0).path("body");
        assertThat(body.path("type").asText()).isEqualTo("doc");
        assertThat(body.path("version").asInt()).isEqualTo(1);
        JsonNode first = body.path("content").get(0).path("content");
        assertThat(first.get(0).path("text").asText()).isEqualTo("carol: ");
        assertThat(first.get(0).path("marks").get(0).path("type").asText()).isEqualTo("strong");
        assertThat(first.get(1).path("text").asText()).isEqualTo("Approve: tested on the canary");
        assertThat(body.path("content").get(1).path("content").get(0).path("text").asText())
                .isEqualTo("no regressions");
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void aRetriedCommentIsFoundByItsMarker() {
        ObjectNode page = jira.example(ISSUE + "/{issueIdOrKey}/comment", "get", 200);
        ((ObjectNode) page.path("comments").get(0).path("body").path("content").get(0).path("content").get(0))
                .put("text", "erin: approved (patchflow update 17)");
        jira.server.stubFor(get(urlPathEqualTo(ISSUE + "/" + KEY + "/comment")).willReturn(json(200, page)));

        assertThat(tickets.hasComment(ref(), "(patchflow update 17)")).isTrue();
        assertThat(tickets.hasComment(ref(), "(patchflow update 18)")).isFalse();
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void transitionsAreLookedUpByNameAmongThoseJiraOffersAndCarryTheReason() {
        statusIs("In Progress");
        offerTransitions();
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/transitions").willReturn(aResponse().withStatus(204)));

        tickets.transition(ref(), "CLOSED", "patchflow", "Change verified and closed");

        JsonNode sent = jira.sentTo("POST", ISSUE + "/" + KEY + "/transitions").get(0);
        assertThat(sent.path("transition").path("id").asText()).as("the id Jira offered for 'Close'")
                .isEqualTo("711");
        assertThat(sent.path("update").path("comment").get(0).path("add").path("body").path("type").asText())
                .isEqualTo("doc");
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void aTransitionToTheStatusTheIssueHasIsNothing() {
        statusIs("Closed");

        tickets.transition(ref(), "CLOSED", "patchflow", "again");

        jira.server.verify(0, getRequestedFor(urlPathEqualTo(ISSUE + "/" + KEY + "/transitions")));
        jira.server.verify(0, postRequestedFor(urlPathEqualTo(ISSUE + "/" + KEY + "/transitions")));
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void anIssueClosedInJiraCannotMoveAgainAndSaysSo() {
        statusIs("Closed");

        assertThatThrownBy(() -> tickets.transition(ref(), "CANCELLED", "erin", "no longer needed"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Closed");
    }

    @Test
    void aTransitionJiraDoesNotOfferFailsNamingWhatItOffers() {
        statusIs("In Progress");
        offerTransitions();

        assertThatThrownBy(() -> tickets.transition(ref(), "REJECTED", "patchflow", "rejected"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Decline")
                .hasMessageContaining("Start progress").hasMessageContaining("Close");
    }

    @Test
    void theEvidenceIsLinkedOnceByItsGlobalId() {
        remoteLinkAnswers(KEY);

        tickets.linkEvidence(ref(), "Patchflow evidence for CHG-2026-0042", "/api/v1/changes/CHG-2026-0042/audit",
                "Change verified and closed");

        JsonNode link = jira.sentTo("POST", ISSUE + "/" + KEY + "/remotelink").get(0);
        assertThat(link.path("globalId").asText()).isEqualTo("CHG-2026-0042/evidence");
        assertThat(link.path("object").path("url").asText())
                .isEqualTo("https://patchflow.example.com/api/v1/changes/CHG-2026-0042/audit");
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() {
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/comment").inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/comment").inScenario("limit").whenScenarioStateIs("waited")
                .willReturn(json(201, jira.example(ISSUE + "/{issueIdOrKey}/comment", "post", 201))));

        tickets.comment(ref(), "bob", "Test passed");

        assertThat(waits.waits).containsExactly(Duration.ofSeconds(7));
        jira.server.verify(2, postRequestedFor(urlPathEqualTo(ISSUE + "/" + KEY + "/comment")));
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void aRateLimitLongerThanTheClientWaitsIsHandedBackWithItsWait() {
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/comment")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        assertThatThrownBy(() -> tickets.comment(ref(), "bob", "Test passed"))
                .isInstanceOfSatisfying(TicketSystemBusy.class,
                        busy -> assertThat(busy.retryAfter()).contains(Duration.ofMinutes(10)));
        assertThat(waits.waits).isEmpty();
        jira.server.verify(1, postRequestedFor(urlPathEqualTo(ISSUE + "/" + KEY + "/comment")));
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedWithGrowingWaits() {
        String path = ISSUE + "/" + KEY + "/comment";
        jira.server.stubFor(post(path).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("slow").willReturn(aResponse().withStatus(503)));
        jira.server.stubFor(post(path).inScenario("outage").whenScenarioStateIs("slow").willSetStateTo("back")
                .willReturn(json(201, jira.example(ISSUE + "/{issueIdOrKey}/comment", "post", 201))
                        .withFixedDelay(1500)));
        jira.server.stubFor(post(path).inScenario("outage").whenScenarioStateIs("back")
                .willReturn(json(201, jira.example(ISSUE + "/{issueIdOrKey}/comment", "post", 201))));

        tickets.comment(ref(), "bob", "Test passed");

        assertThat(waits.waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        jira.server.verify(3, postRequestedFor(urlPathEqualTo(path)));
        jira.assertEveryRequestMatchesTheDescription();
    }

    @Test
    void anOutageOutlastingTheAttemptsIsTicketSystemBusyForTheQueueToRetryLater() {
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/comment")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> tickets.comment(ref(), "bob", "Test passed"))
                .isInstanceOf(TicketSystemBusy.class).hasMessageContaining("3 attempt(s)");
        jira.server.verify(3, postRequestedFor(urlPathEqualTo(ISSUE + "/" + KEY + "/comment")));
    }

    @Test
    void aRequestJiraRefusesIsNotRetriedWithinTheCall() {
        jira.server.stubFor(post(ISSUE + "/" + KEY + "/comment").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[],\"errors\":{\"comment\":\"Comment body can not be empty!\"}}")));

        assertThatThrownBy(() -> tickets.comment(ref(), "bob", "Test passed"))
                .isInstanceOf(JiraRefused.class).hasMessageContaining("Comment body can not be empty");
        jira.server.verify(1, postRequestedFor(urlPathEqualTo(ISSUE + "/" + KEY + "/comment")));
    }

    private void searchFinds(String... keys) {
        ObjectNode results = jira.example(SEARCH, "post", 200);
        ArrayNode issues = (ArrayNode) results.path("issues");
        ObjectNode template = (ObjectNode) issues.get(0);
        issues.removeAll();
        for (String key : keys) {
            issues.add(template.deepCopy().put("key", key));
        }
        results.put("total", keys.length);
        jira.server.stubFor(post(SEARCH).willReturn(json(200, results)));
    }

    private void remoteLinkAnswers(String key) {
        jira.server.stubFor(post(ISSUE + "/" + key + "/remotelink")
                .willReturn(json(201, jira.example(ISSUE + "/{issueIdOrKey}/remotelink", "post", 201))));
    }

    private void statusIs(String status) {
        ObjectNode issue = jira.example(ISSUE + "/{issueIdOrKey}", "get", 200);
        ((ObjectNode) issue.path("fields")).putObject("status").put("name", status);
        jira.server.stubFor(get(urlPathEqualTo(ISSUE + "/" + KEY)).willReturn(json(200, issue)));
    }

    /** The description's example transitions, named as the configured workflow calls them. */
    private void offerTransitions() {
        ObjectNode transitions = jira.example(ISSUE + "/{issueIdOrKey}/transitions", "get", 200);
        ArrayNode offered = (ArrayNode) transitions.path("transitions");
        ((ObjectNode) offered.get(0)).put("name", "Start progress");
        ((ObjectNode) offered.get(1)).put("name", "Close");
        jira.server.stubFor(get(urlPathEqualTo(ISSUE + "/" + KEY + "/transitions")).willReturn(json(200,
                transitions)));
    }

    private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(jira.body(body));
    }

    private static TicketRef ref() {
        return new TicketRef("jira", KEY, "https://example.atlassian.net/browse/" + KEY);
    }

    private static TicketRequest request(String changeId, String priority) {
        return new TicketRequest(changeId, "Patch openssl on the web tier", priority, "emergency", 12,
                LocalDate.of(2026, 11, 23), "Patch change " + changeId + " requested by alice.");
    }
}
