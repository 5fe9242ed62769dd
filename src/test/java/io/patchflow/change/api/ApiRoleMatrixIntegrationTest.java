package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.hamcrest.Matchers;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every API endpoint of SecurityConfig against the demo identity over HTTP Basic: anonymous callers get 401, a role
 * that is not allowed 403, an allowed role gets past security (whatever the endpoint then says). Requests by allowed
 * roles are chosen so that they write nothing: bad bodies, unknown ids. The engine REST API runs on its own servlet,
 * so it is called over real HTTP.
 */
class ApiRoleMatrixIntegrationTest extends ChangeApiIntegrationTest {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String BAD_HOST = "{\"hosts\":[{\"name\":\"role-matrix\",\"os\":\"Debian 12\"}]}";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    /** method, path, content type, body, demo users allowed, demo users refused (403). */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                row("POST", "/api/v1/inventory", JSON, BAD_HOST, List.of("alice", "admin"),
                        List.of("bob", "carol", "erin", "frank")),
                row("POST", "/api/v1/advisories", JSON, "{}", List.of("alice", "admin"), List.of("bob", "erin", "frank")),
                row("POST", "/api/v1/feeds/kev", JSON, "{}", List.of("alice", "admin"), List.of("carol", "frank")),
                row("POST", "/api/v1/feeds/epss", "text/csv", "not,a,score\n", List.of("alice"), List.of("erin")),
                row("POST", "/api/v1/assessments", JSON, "", List.of("alice"), List.of("bob", "frank")),
                row("POST", "/api/v1/changes", JSON, "{}", List.of("alice", "erin", "admin"),
                        List.of("bob", "carol", "dave", "frank")),
                row("POST", "/api/v1/changes/CHG-NO-SUCH/cancel", JSON, "{\"reason\":\"role matrix\"}",
                        List.of("erin", "admin"), List.of("alice", "bob", "carol", "frank")),
                row("GET", "/api/v1/calendar", null, null, List.of("alice", "bob", "frank", "erin"), List.of()),
                row("GET", "/api/v1/calendar/next-slot?hosts=no-such-host", null, null, List.of("carol"), List.of()),
                row("POST", "/api/v1/calendar/windows", JSON, "{}", List.of("erin", "admin"),
                        List.of("alice", "carol", "frank")),
                row("DELETE", "/api/v1/calendar/windows/999999999", null, null, List.of("erin"), List.of("alice", "frank")),
                row("POST", "/api/v1/calendar/blackouts", JSON, "{}", List.of("erin", "admin"), List.of("alice", "bob")),
                row("DELETE", "/api/v1/calendar/blackouts/999999999", null, null, List.of("admin"), List.of("bob")),
                row("GET", "/api/v1/audit/verify", null, null, List.of("frank", "erin", "admin"),
                        List.of("alice", "bob", "carol")),
                row("GET", "/api/v1/audit?size=1", null, null, List.of("frank"), List.of("alice", "dave")),
                row("GET", "/api/v1/tasks", null, null, List.of("alice", "bob", "carol", "erin", "admin"),
                        List.of("frank")),
                row("POST", "/api/v1/tasks/no-such-task/claim", null, null, List.of("bob"), List.of("frank")),
                row("POST", "/api/v1/tasks/no-such-task/complete", JSON, "{}", List.of("carol"), List.of("frank")),
                row("GET", "/api/v1/changes", null, null, List.of("alice", "bob", "carol", "erin", "frank", "admin"),
                        List.of()),
                row("GET", "/api/v1/changes/CHG-NO-SUCH", null, null, List.of("dave"), List.of()),
                row("GET", "/api/v1/changes/CHG-NO-SUCH/audit", null, null, List.of("alice"), List.of()),
                row("GET", "/api/v1/changes/CHG-NO-SUCH/rollout", null, null, List.of("bob"), List.of()),
                row("GET", "/api/v1/hosts", null, null, List.of("frank"), List.of()),
                row("GET", "/api/v1/hosts/no-such-host", null, null, List.of("carol"), List.of()),
                row("GET", "/api/v1/advisories/NO-SUCH", null, null, List.of("bob"), List.of()),
                row("GET", "/api/v1/findings?size=1", null, null, List.of("erin"), List.of()),
                row("GET", "/api/v1/tickets/PF-999999999", null, null, List.of("frank"), List.of()),
                row("POST", "/api/v1/itsm/updates/CHG-NO-SUCH/retry", null, null, List.of("erin", "admin"),
                        List.of("alice", "bob", "carol", "frank")),
                // Not listed in SecurityConfig: denied to everyone, administrators included.
                row("PUT", "/api/v1/changes/CHG-NO-SUCH", JSON, "{}", List.of(), List.of("admin", "erin")),
                row("DELETE", "/api/v1/audit", null, null, List.of(), List.of("admin", "frank")));
    }

    private static Arguments row(String method, String path, String contentType, String body, List<String> allowed,
            List<String> refused) {
        return Arguments.of(method, path, contentType, body, allowed, refused);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void anonymousCallersGet401RefusedRolesGet403AllowedRolesGetThrough(String method, String path,
            String contentType, String body, List<String> allowed, List<String> refused) throws Exception {
        call(method, path, contentType, body, null)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is(401))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Basic")));
        // An unknown user, not a demo user with a wrong password: failed logins lock a Camunda user for a while. A
        // name of its own per row: five failures of one name within minutes are throttled (429, LoginThrottle).
        String unknown = "mallory-" + Integer.toHexString((method + path).hashCode());
        assertThat(status(call(method, path, contentType, body, httpBasic(unknown, unknown))))
                .as("unknown user").isEqualTo(401);
        for (String user : refused) {
            ResultActions result = call(method, path, contentType, body, as(user));
            assertThat(status(result)).as(user).isEqualTo(403);
            result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(Matchers.containsString(path.split("\\?")[0])));
        }
        for (String user : allowed) {
            assertThat(status(call(method, path, contentType, body, as(user)))).as(user).isNotIn(401, 403);
        }
        if (!allowed.isEmpty() && path.startsWith("/api/v1/") && !path.startsWith("/api/v1/calendar")
                && "GET".equals(method)) {
            assertThat(status(call(method, path, contentType, body, user("nobody").roles("no-patchflow-role"))))
                    .as("authenticated without a Patchflow role").isEqualTo(403);
        }
    }

    @Test
    void theRightPasswordLetsAUserInAndAWrongOneIsRefusedWith401() throws Exception {
        // A user of its own: Camunda delays a user's next login after a failed one, which must not hit the demo users.
        String name = "pw-" + run;
        User user = identity.newUser(name);
        user.setPassword("correct horse");
        identity.saveUser(user);
        identity.createMembership(name, "cab");
        try {
            assertThat(status(call("GET", "/api/v1/changes?size=1", null, null, httpBasic(name, "correct horse"))))
                    .isEqualTo(200);
            assertThat(status(call("GET", "/api/v1/changes?size=1", null, null, httpBasic(name, "battery staple"))))
                    .isEqualTo(401);
        } finally {
            identity.deleteUser(name);
        }
    }

    @Test
    void writesByAllowedRolesInTheMatrixLeaveNoChangeBehind() throws Exception {
        long changes = count("chg_change");
        long windows = count("chg_maintenance_window");
        for (String user : List.of("alice", "erin", "admin")) {
            assertThat(status(call("POST", "/api/v1/changes", JSON, "{}", as(user)))).isEqualTo(400);
        }
        for (String user : List.of("erin", "admin")) {
            assertThat(status(call("POST", "/api/v1/calendar/windows", JSON, "{}", as(user)))).isEqualTo(400);
        }
        assertThat(count("chg_change")).isEqualTo(changes);
        assertThat(count("chg_maintenance_window")).isEqualTo(windows);
    }

    @Test
    void engineRestTasksNeedAuthenticationAndShowEachPersonOnlyTheirCandidateGroupsTasks() throws Exception {
        assertThat(engine("GET", "/engine-rest/task", null, null).statusCode()).isEqualTo(401);
        assertThat(engine("GET", "/engine-rest/task", "mallory-engine", "mallory", null).statusCode()).isEqualTo(401);

        List<HostSpec> fleet = List.of(new HostSpec("rol-" + run + "-t1", "test", "high"),
                new HostSpec("rol-" + run + "-p1", "prod", "high"), new HostSpec("rol-" + run + "-p2", "prod", "high"));
        importHosts(fleet, "pfrol");
        String id = requestChange("alice", "Patch " + sourcePackage("pfrol"), loadAdvisory("pfrol", CVSS_7_5),
                fleet.stream().map(HostSpec::name).toList());
        awaitTask(id, "signOffTest", as("bob"));

        String byChange = "/engine-rest/task?processInstanceBusinessKey=" + id;
        List<JsonNode> bobs = engineTasks(byChange, "bob");
        assertThat(bobs).extracting(t -> t.path("taskDefinitionKey").asText()).containsExactly("signOffTest");
        assertThat(engineTasks(byChange, "carol")).as("a CAB member does not see the test sign-off").isEmpty();
        assertThat(engineTasks(byChange, "frank")).as("compliance officers read every task").hasSize(1);

        String task = bobs.get(0).path("id").asText();
        assertThat(engine("POST", "/engine-rest/task/" + task + "/claim", "carol", "{\"userId\":\"carol\"}")
                .statusCode()).as("carol may not claim a tester's task").isIn(403, 404);
        assertThat(engine("POST", "/engine-rest/task/" + task + "/claim", "bob", "{\"userId\":\"bob\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> submitted = engine("POST", "/engine-rest/task/" + task + "/submit-form", "bob",
                "{\"variables\":{\"testResult\":{\"value\":\"passed\"},\"testEvidence\":{\"value\":\"engine REST\"}}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

        List<JsonNode> carols = await("CAB tasks of " + id + " for carol", id, () -> engineTasks(byChange, "carol"),
                tasks -> tasks.size() == 2);
        assertThat(carols).extracting(t -> t.path("taskDefinitionKey").asText()).containsOnly("cabVote");
        assertThat(engineTasks(byChange, "bob")).as("a tester does not see CAB votes").isEmpty();
        assertThat(engineTasks("/engine-rest/task?taskDefinitionKey=cabVote", "bob")).isEmpty();
        assertThat(engineTasks("/engine-rest/task", "bob")).extracting(t -> t.path("taskDefinitionKey").asText())
                .as("of all open tasks, bob sees test sign-offs only").isSubsetOf("signOffTest");
        assertThat(engineTasks("/engine-rest/task", "carol")).extracting(t -> t.path("taskDefinitionKey").asText())
                .as("of all open tasks, carol sees CAB votes only").contains("cabVote").isSubsetOf("cabVote");

        // Tidy up: nothing of this change keeps running beside the other tests.
        assertThat(status(call("POST", "/api/v1/changes/" + id + "/cancel", JSON, "{\"reason\":\"role matrix done\"}",
                as("erin")))).isEqualTo(200);
        awaitEnd(id);
    }

    private int status(ResultActions result) {
        return result.andReturn().getResponse().getStatus();
    }

    private ResultActions call(String method, String path, String contentType,
            String body, RequestPostProcessor who) throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), URI.create(path));
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.content(body);
        }
        if (who != null) {
            request.with(who);
        }
        return mvc.perform(request);
    }

    private List<JsonNode> engineTasks(String path, String user) throws Exception {
        HttpResponse<String> response = engine("GET", path, user, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return list(json.readTree(response.body()));
    }

    private HttpResponse<String> engine(String method, String path, String user, String body) throws Exception {
        return engine(method, path, user, user, body);
    }

    private HttpResponse<String> engine(String method, String path, String user, String password, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
