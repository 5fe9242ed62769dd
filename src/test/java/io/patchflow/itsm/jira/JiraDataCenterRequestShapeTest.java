package io.patchflow.itsm.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jira Data Center (REST v2): Atlassian publishes no OpenAPI description of it in the fixtures, so the request
 * shapes are checked directly: v2 paths, a personal access token as bearer, texts as wiki markup in which a
 * person's text cannot open a macro, link, table or image.
 */
class JiraDataCenterRequestShapeTest {

    private static final String KEY = "OPS-7";

    private JiraStandIn jira;
    private JiraTicketSystem tickets;

    @BeforeEach
    void standIn() {
        jira = new JiraStandIn();
        tickets = JiraTestSettings.ticketSystem(JiraTestSettings.dataCenter(jira.baseUrl()),
                new JiraTestSettings.RecordedWaits());
    }

    @AfterEach
    void stop() {
        jira.close();
    }

    @Test
    void opensAnIssueThroughRestV2WithAWikiDescriptionAndBearerToken() {
        jira.server.stubFor(post("/rest/api/2/search").willReturn(okJson("{\"total\":0,\"issues\":[]}")));
        jira.server.stubFor(post("/rest/api/2/issue").willReturn(jsonResponse(
                "{\"id\":\"10001\",\"key\":\"" + KEY + "\",\"self\":\"x\"}", 201)));
        jira.server.stubFor(post("/rest/api/2/issue/" + KEY + "/remotelink").willReturn(jsonResponse(
                "{\"id\":1,\"self\":\"x\"}", 201)));

        TicketRef ref = tickets.open(new TicketRequest("CHG-2026-0050", "Patch bash", "P4", "standard", 1,
                LocalDate.of(2027, 1, 31), "Requested by alice. Advisories: DSA-1 {html}<b>x</b>{html}"));

        assertThat(ref.key()).isEqualTo(KEY);
        JsonNode fields = jira.sentTo("POST", "/rest/api/2/issue").get(0).path("fields");
        assertThat(fields.path("description").isTextual()).as("wiki markup, not ADF").isTrue();
        assertThat(fields.path("description").asText())
                .isEqualTo("Requested by alice. Advisories: DSA-1 \\{html\\}<b>x</b>\\{html\\}");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Low");
        assertThat(jira.requests()).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer dc-personal-access-token");
            assertThat(r.getUrl()).startsWith("/rest/api/2/");
        });
    }

    @Test
    void commentsAreWikiMarkupWithTheAuthorInBoldAndMarkupEscaped() {
        jira.server.stubFor(post("/rest/api/2/issue/" + KEY + "/comment").willReturn(jsonResponse(
                "{\"id\":\"1\"}", 201)));

        tickets.comment(ref(), "dave", "Reject: see [this|http://evil] and !img.png!");

        JsonNode body = jira.sentTo("POST", "/rest/api/2/issue/" + KEY + "/comment").get(0).path("body");
        assertThat(body.isTextual()).isTrue();
        assertThat(body.asText()).isEqualTo("*dave*: Reject: see \\[this\\|http://evil\\] and \\!img.png\\!");
    }

    @Test
    void transitionsCarryTheirReasonAsAWikiComment() {
        jira.server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/" + KEY)).willReturn(okJson(
                "{\"key\":\"" + KEY + "\",\"fields\":{\"status\":{\"name\":\"Open\"}}}")));
        jira.server.stubFor(get(urlPathEqualTo("/rest/api/2/issue/" + KEY + "/transitions")).willReturn(okJson(
                "{\"transitions\":[{\"id\":\"31\",\"name\":\"Cancel\",\"to\":{\"name\":\"Canceled\"}}]}")));
        jira.server.stubFor(post("/rest/api/2/issue/" + KEY + "/transitions").willReturn(noContent()));

        tickets.transition(ref(), "CANCELLED", "erin", "superseded");

        JsonNode sent = jira.sentTo("POST", "/rest/api/2/issue/" + KEY + "/transitions").get(0);
        assertThat(sent.path("transition").path("id").asText()).isEqualTo("31");
        assertThat(sent.path("update").path("comment").get(0).path("add").path("body").asText())
                .isEqualTo("*erin*: superseded");
    }

    private static TicketRef ref() {
        return new TicketRef("jira", KEY, "https://jira.example.com/browse/" + KEY);
    }
}
