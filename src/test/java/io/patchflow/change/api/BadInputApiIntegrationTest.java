package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Bad input to the API's writing endpoints answers 4xx problem details ({@code application/problem+json}) with a
 * {@code detail} a person can act on and the {@code field} to fix where one field is wrong, and writes nothing:
 * the rows the endpoint would have written are counted before and after. Task form fields are covered in
 * TaskApiIntegrationTest.
 */
class BadInputApiIntegrationTest extends ChangeApiIntegrationTest {

    private static final String PREFIX = "pfbad";

    @Test
    void changeRequestsWithBadInputAnswerProblemDetailsNamingTheFieldAndStoreNothing() throws Exception {
        importHosts(List.of(new HostSpec("bad-" + run + "-p1", "prod", "low")), PREFIX);
        String advisory = loadAdvisory(PREFIX, CVSS_5_3);
        String host = "bad-" + run + "-p1";
        long changes = count("chg_change");
        long requested = auditCount("change.requested");

        unreadable(changeRequest("{\"title\":\"Patch\",\"advisories\":[\"" + advisory + "\""));
        unreadable(changeRequest("[]"));
        problem(changeRequest("{\"title\":\"Patch\",\"advisories\":\"" + advisory + "\"}"), 400, "advisories");
        problem(changeRequest("{\"title\":\"Patch\",\"advisories\":[\"" + advisory + "\"],\"rebootRequired\":\"maybe\"}"),
                400, "rebootRequired");
        problem(changeRequest("{\"advisories\":[\"" + advisory + "\"]}"), 400, "title")
                .andExpect(jsonPath("$.detail").value("title is required: say what the change patches"));
        problem(changeRequest(body("x".repeat(501), List.of(advisory), List.of(), null, null)), 400, "title");
        problem(changeRequest(body("Patch", List.of(), List.of(), null, null)), 400, "advisories");
        problem(changeRequest("{\"title\":\"Patch\"}"), 400, "advisories");
        problem(changeRequest(body("Patch", List.of(" "), List.of(), null, null)), 400, "advisories[0]");
        problem(changeRequest(body("Patch", List.of("PF-NO-SUCH-" + run), List.of(), null, null)), 400, "advisories")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("POST /api/v1/advisories")));
        problem(changeRequest(body("Patch", List.of(advisory), List.of("nohost-" + run), null, null)), 400, "hosts")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("nohost-" + run)));
        problem(changeRequest(body("Patch", List.of(advisory), List.of(host, ""), null, null)), 400, "hosts[1]");
        problem(changeRequest(body("Patch", List.of(advisory), List.of(host), "hotfix", null)), 400, "patchKind");
        problem(changeRequest(body("Patch", List.of(advisory), List.of(host), null, "bob")), 400, "requestedBy")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("requestedBy must be you (alice)")));

        assertThat(count("chg_change")).isEqualTo(changes);
        assertThat(auditCount("change.requested")).isEqualTo(requested);
    }

    @Test
    void cancelRefusesUnknownChangesAndMissingReasonsAndLeavesTheChangeRunning() throws Exception {
        problem(cancel("CHG-NO-SUCH-" + run, "{\"reason\":\"not needed\"}"), 404, null)
                .andExpect(jsonPath("$.detail").value("No change CHG-NO-SUCH-" + run));

        // A normal change (prod, high criticality) waits for bob's test sign-off, so it is certainly still running
        // when the bad cancels arrive: a standard change could close on the simulated fleet before the tidy-up.
        List<HostSpec> fleet = List.of(new HostSpec("bad-" + run + "-c1", "test", "high"),
                new HostSpec("bad-" + run + "-c2", "prod", "high"));
        importHosts(fleet, PREFIX + "c");
        String id = requestChange("alice", "Patch " + sourcePackage(PREFIX + "c"),
                loadAdvisory(PREFIX + "c", CVSS_7_5), fleet.stream().map(HostSpec::name).toList());
        awaitTask(id, "signOffTest", as("bob"));

        problem(cancel(id, "{}"), 400, "reason")
                .andExpect(jsonPath("$.detail").value("reason is required to cancel a change"));
        problem(cancel(id, "{\"reason\":\"   \"}"), 400, "reason");
        unreadable(cancel(id, "{\"reason\":"));
        unreadable(mvc.perform(post("/api/v1/changes/{id}/cancel", id).with(as("erin"))
                .contentType(MediaType.APPLICATION_JSON)));

        assertThat(entries(audit(id), "change.cancelled")).isEmpty();
        assertThat(change(id).path("state").asText()).isNotEqualTo("CANCELLED");
        assertThat(tasks(id, as("bob"))).as("the change still waits for its test sign-off").isNotEmpty();
        // Tidy up: the change's lifecycle ends here rather than running on beside the other tests.
        cancel(id, "{\"reason\":\"test over\"}").andExpect(status().isOk());
        awaitEnd(id);
    }

    @Test
    void unknownChangesAnswer404AndBadListParametersNameTheParameter() throws Exception {
        problem(mvc.perform(get("/api/v1/changes/{id}", "CHG-999999999").with(as("alice"))), 404, null)
                .andExpect(jsonPath("$.detail").value("No change CHG-999999999"));
        problem(mvc.perform(get("/api/v1/changes/{id}/rollout", "CHG-999999999").with(as("alice"))), 404, null)
                .andExpect(jsonPath("$.detail").value("No change CHG-999999999"));
        problem(mvc.perform(get("/api/v1/changes").param("size", "0").with(as("alice"))), 400, "size");
        problem(mvc.perform(get("/api/v1/changes").param("page", "-1").with(as("alice"))), 400, "page");
        problem(mvc.perform(get("/api/v1/changes").param("state", "DONE").with(as("alice"))), 400, "state");
        problem(mvc.perform(get("/api/v1/changes").param("size", "ten").with(as("alice"))), 400, "size");
    }

    @Test
    void auditSearchRefusesBadParametersNamingThem() throws Exception {
        problem(auditSearch("size", "0"), 400, "size");
        problem(auditSearch("size", "501"), 400, "size");
        problem(auditSearch("page", "-1"), 400, "page");
        problem(auditSearch("page", "first"), 400, "page");
        problem(auditSearch("from", "yesterday"), 400, "from")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("ISO-8601")));
        problem(auditSearch("to", "2026-13-01"), 400, "to");
        problem(mvc.perform(get("/api/v1/audit").param("from", "2026-02-01").param("to", "2026-01-01")
                .with(as("frank"))), 400, "to");
        // verify takes no parameters: unknown ones are ignored, the answer is the chain's state.
        mvc.perform(get("/api/v1/audit/verify").param("from", "yesterday").with(as("frank")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true));
    }

    @Test
    void calendarRefusesBadWindowsAndBlackoutsNamingTheFieldAndStoresNothing() throws Exception {
        // A group no host is in: the window must not hold up other tests' changes.
        String group = "it-nohosts-" + run;
        String name = "Window " + run;
        mvc.perform(post("/api/v1/calendar/windows").with(as("erin")).contentType(MediaType.APPLICATION_JSON)
                .content(window(name, group, "UTC", "[\"SUNDAY\"]", "\"02:00\"", "120", "30")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.id").isNumber());
        long windows = count("chg_maintenance_window");
        long blackouts = count("chg_blackout");
        long calendarAudit = jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE kind LIKE 'calendar.%'")
                .query(Long.class).single();

        unreadable(postWindow("{\"name\":"));
        problem(postWindow("{}"), 400, "durationMinutes");
        problem(postWindow(window(null, group, "UTC", "[\"SUNDAY\"]", "\"02:00\"", "120", "0")), 400, "name");
        problem(postWindow(window("W " + run, group, "Mars/Olympus", "[\"SUNDAY\"]", "\"02:00\"", "120", "0")), 400,
                "timeZone");
        problem(postWindow(window("W " + run, group, "UTC", "[\"FUNDAY\"]", "\"02:00\"", "120", "0")), 400,
                "daysOfWeek").andExpect(jsonPath("$.detail").value(Matchers.containsString("FUNDAY")));
        problem(postWindow(window("W " + run, group, "UTC", "[]", "\"02:00\"", "120", "0")), 400, "daysOfWeek");
        problem(postWindow(window("W " + run, group, "UTC", "[\"SUNDAY\"]", "\"25:00\"", "120", "0")), 400, "start");
        problem(postWindow(window("W " + run, group, "UTC", "[\"SUNDAY\"]", null, "120", "0")), 400, "start");
        problem(postWindow(window("W " + run, group, "UTC", "[\"SUNDAY\"]", "\"02:00\"", "0", "0")), 400,
                "durationMinutes");
        problem(postWindow(window("W " + run, group, "UTC", "[\"SUNDAY\"]", "\"02:00\"", "\"long\"", "0")), 400,
                "durationMinutes");
        problem(postWindow(window("W " + run, group, "UTC", "[\"SUNDAY\"]", "\"02:00\"", "60", "60")), 400,
                "cutoffMinutes");
        problem(postWindow(window(name, group, "UTC", "[\"MONDAY\"]", "\"02:00\"", "60", "0")), 409, null)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString(name)));
        problem(mvc.perform(delete("/api/v1/calendar/windows/{id}", 999_999_999L).with(as("erin"))), 404, null);
        problem(mvc.perform(delete("/api/v1/calendar/windows/{id}", "abc").with(as("erin"))), 400, "id");

        unreadable(postBlackout("{\"name\":\"Freeze\",\"hostGroup\":\"" + group + "\",\"startsAt\":\"tomorrow\"}"));
        problem(postBlackout(blackout("Freeze " + run, group, "2027-01-02T00:00:00Z", "2027-01-01T00:00:00Z",
                "release")), 400, "endsAt");
        problem(postBlackout(blackout("Freeze " + run, group, "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z",
                null)), 400, "reason");
        problem(postBlackout(blackout(null, group, "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z", "release")), 400,
                "name");
        problem(postBlackout(blackout("Freeze " + run, group, null, "2027-01-02T00:00:00Z", "release")), 400,
                "startsAt");
        problem(mvc.perform(delete("/api/v1/calendar/blackouts/{id}", 999_999_999L).with(as("erin"))), 404, null);
        problem(mvc.perform(get("/api/v1/calendar/next-slot").param("hosts", "nohost-" + run).with(as("erin"))), 400,
                "hosts");

        assertThat(count("chg_maintenance_window")).isEqualTo(windows);
        assertThat(count("chg_blackout")).isEqualTo(blackouts);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE kind LIKE 'calendar.%'").query(Long.class)
                .single()).isEqualTo(calendarAudit);

        long id = jdbc.sql("SELECT id FROM chg_maintenance_window WHERE name = ?").param(name).query(Long.class)
                .single();
        mvc.perform(delete("/api/v1/calendar/windows/{id}", id).with(as("erin"))).andExpect(status().isNoContent());
    }

    @Test
    void inventoryAndAdvisoryImportsRefuseBadBodiesAndStoreNothing() throws Exception {
        long hosts = count("inv_host");
        long advisories = count("adv_advisory");
        String host = hostJson(new HostSpec("bad-" + run + "-i1", "prod", "low"), PREFIX);

        unreadable(postInventory("{\"hosts\":[" + host));
        problem(postInventory("{\"hosts\":[" + host.replace("\"low\"", "\"urgent\"") + "]}"), 400,
                "hosts[0].criticality");
        problem(postInventory("{\"hosts\":[" + host + "," + host.replace("Debian:12", "Debian 12") + "]}"), 400,
                "hosts[1].os");
        problem(postInventory("{\"hosts\":[" + host.replace("\"internetFacing\":false", "\"internetFacing\":\"no\"")
                + "]}"), 400, "hosts[0].internetFacing");

        String id = "PF-IT-BAD-" + run.toUpperCase();
        problem(postAdvisories("{\"id\":\"" + id + "\",\"modified\":"), 400, null);
        problem(postAdvisories(advisoryJson(id, PREFIX, CVSS_5_3).replace("\"id\":\"" + id + "\",", "")), 400, "id");
        problem(postAdvisories(advisoryJson(id, PREFIX, "CVSS:3.1/AV:X")), 400, "severity[0].score");
        problem(postAdvisories("[" + advisoryJson(id, PREFIX, CVSS_5_3) + ",42]"), 400, "[1]");

        assertThat(count("inv_host")).isEqualTo(hosts);
        assertThat(count("adv_advisory")).isEqualTo(advisories);
        mvc.perform(get("/api/v1/advisories/{id}", id).with(as("alice"))).andExpect(status().isNotFound());
    }

    /**
     * Requests that no handler method accepts (a content type outside its {@code consumes}, a method it does not
     * map, a path nothing maps) must answer problem details like every other error.
     */
    @Test
    void aWrongContentTypeMethodOrPathAnswersProblemDetailsAndStoresNothing() throws Exception {
        long changes = count("chg_change");
        long hosts = count("inv_host");
        long advisories = count("adv_advisory");

        SoftAssertions softly = new SoftAssertions();
        expectProblem(softly, "POST /api/v1/changes as text/plain", 415, mvc.perform(post("/api/v1/changes")
                .with(as("alice")).contentType(MediaType.TEXT_PLAIN).content("Patch it")));
        expectProblem(softly, "POST /api/v1/inventory as text/plain", 415, mvc.perform(post("/api/v1/inventory")
                .with(as("alice")).contentType(MediaType.TEXT_PLAIN).content("web-1 bash 5.2")));
        expectProblem(softly, "POST /api/v1/advisories as text/plain", 415, mvc.perform(post("/api/v1/advisories")
                .with(as("alice")).contentType(MediaType.TEXT_PLAIN).content("DSA-1")));
        expectProblem(softly, "POST /api/v1/feeds/kev as text/plain", 415, mvc.perform(post("/api/v1/feeds/kev")
                .with(as("alice")).contentType(MediaType.TEXT_PLAIN).content("{}")));
        expectProblem(softly, "GET /api/v1/changes/{id}/cancel", 405,
                mvc.perform(get("/api/v1/changes/{id}/cancel", "CHG-1").with(as("alice"))));
        expectProblem(softly, "GET /api/v1/no-such-endpoint", 404,
                mvc.perform(get("/api/v1/no-such-endpoint").with(as("alice"))));
        softly.assertAll();

        assertThat(count("chg_change")).isEqualTo(changes);
        assertThat(count("inv_host")).isEqualTo(hosts);
        assertThat(count("adv_advisory")).isEqualTo(advisories);
    }

    private static void expectProblem(SoftAssertions softly, String request, int status, ResultActions result) {
        var response = result.andReturn().getResponse();
        softly.assertThat(response.getStatus()).as(request + ": status").isEqualTo(status);
        softly.assertThat(String.valueOf(response.getContentType())).as(request + ": content type")
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    // --- requests --------------------------------------------------------------------------------------------

    private String body(String title, List<String> advisories, List<String> hosts, String patchKind,
            String requestedBy) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", title);
        body.put("advisories", advisories);
        body.put("hosts", hosts);
        if (patchKind != null) {
            body.put("patchKind", patchKind);
        }
        if (requestedBy != null) {
            body.put("requestedBy", requestedBy);
        }
        return json.writeValueAsString(body);
    }

    private ResultActions changeRequest(String body) throws Exception {
        return mvc.perform(post("/api/v1/changes").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions cancel(String id, String body) throws Exception {
        return mvc.perform(post("/api/v1/changes/{id}/cancel", id).with(as("erin"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions auditSearch(String param, String value) throws Exception {
        return mvc.perform(get("/api/v1/audit").param(param, value).with(as("frank")));
    }

    private static String window(String name, String group, String zone, String days, String start, String duration,
            String cutoff) {
        return "{" + (name == null ? "" : "\"name\":\"" + name + "\",") + "\"hostGroup\":\"" + group
                + "\",\"timeZone\":\"" + zone + "\",\"daysOfWeek\":" + days + (start == null ? "" : ",\"start\":" + start)
                + ",\"durationMinutes\":" + duration + ",\"cutoffMinutes\":" + cutoff + "}";
    }

    private static String blackout(String name, String group, String startsAt, String endsAt, String reason) {
        return "{" + (name == null ? "" : "\"name\":\"" + name + "\",") + "\"hostGroup\":\"" + group + "\""
                + (startsAt == null ? "" : ",\"startsAt\":\"" + startsAt + "\"") + ",\"endsAt\":\"" + endsAt + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    private ResultActions postWindow(String body) throws Exception {
        return send(post("/api/v1/calendar/windows").with(as("erin")), body);
    }

    private ResultActions postBlackout(String body) throws Exception {
        return send(post("/api/v1/calendar/blackouts").with(as("erin")), body);
    }

    private ResultActions postInventory(String body) throws Exception {
        return send(post("/api/v1/inventory").with(as("alice")), body);
    }

    private ResultActions postAdvisories(String body) throws Exception {
        return send(post("/api/v1/advisories").with(as("alice")), body);
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    // --- expectations ----------------------------------------------------------------------------------------

    /** A problem detail with this status, a detail to act on and, when given, the field to fix. */
    static ResultActions problem(ResultActions result, int status, String field) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.blankOrNullString())));
        if (field != null) {
            result.andExpect(jsonPath("$.field").value(field));
        }
        return result;
    }

    private static void unreadable(ResultActions result) throws Exception {
        problem(result, 400, null).andExpect(jsonPath("$.type").value("https://patchflow.io/problems/unreadable-body"));
    }

    private long auditCount(String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE kind = ?").param(kind).query(Long.class).single();
    }
}
