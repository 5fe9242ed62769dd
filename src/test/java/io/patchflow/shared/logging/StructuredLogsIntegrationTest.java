package io.patchflow.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.testsupport.PatchflowNode;
import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Patchflow started with {@code PATCHFLOW_LOG_FORMAT=json} (a process of its own, on PostgreSQL) writes nothing but
 * JSON lines, and two changes driven through the API leave their ids on every line about them: a standard change
 * from request to closure, and a normal change whose test a tester signs off before a change manager cancels it.
 * Covered: the request that created a change, requests addressing it (before and after they call the engine), a task
 * completed through the API, the engine's own lines while a change's jobs run (its execution logging turned to
 * DEBUG for this) and Patchflow's code called from those jobs. Secrets given to the application (HMAC keys, a
 * become password, the callers' credentials) appear on no line.
 */
class StructuredLogsIntegrationTest {

    private static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(3);
    private static final String CVSS_5_3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N";
    private static final String CVSS_7_5 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";
    private static final String DISPATCHER = "org.springframework.web.servlet.DispatcherServlet";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @Test
    void everyLineIsJsonAndEveryLineAboutAChangeCarriesItsIdButNoSecret() throws Exception {
        String auditKey = "audit-secret-" + UUID.randomUUID();
        String exportKey = "export-secret-" + UUID.randomUUID();
        String becomePassword = "become-secret-" + UUID.randomUUID();
        String closed;
        String cancelled;
        List<String> output;
        try (PatchflowNode app = start(
                Map.of("PATCHFLOW_LOG_FORMAT", "json", "PATCHFLOW_AUDIT_HMAC_KEY", auditKey,
                        "PATCHFLOW_AUDIT_EXPORT_HMAC_KEY", exportKey,
                        "PATCHFLOW_ANSIBLE_BECOME_PASSWORD", becomePassword,
                        // A small footprint: the database is shared with other test runs.
                        "PATCHFLOW_JOB_THREADS", "3", "PATCHFLOW_DB_POOL_SIZE", "6"),
                Map.of("logging.level.org.camunda.bpm.engine.pvm", "debug",
                        "logging.level." + DISPATCHER, "debug"))) {
            closed = requestChange(app, "std", "medium", CVSS_5_3);
            cancelled = requestChange(app, "nrm", "high", CVSS_7_5);
            signOffTestAndCancel(app, cancelled);
            awaitEnd(app, closed, "CLOSED");
            awaitEnd(app, cancelled, "CANCELLED");
            send(app, "GET", "/api/v1/changes/" + closed + "/audit", "frank", null, 200);
            output = app.lines();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output) {
            try {
                JsonNode node = json.readTree(line);
                assertThat(node.isObject()).as("an output line is a JSON object: %s", line).isTrue();
                lines.add(node);
            } catch (Exception e) {
                fail("An output line is not JSON: " + line, e);
            }
        }

        for (JsonNode line : lines) {
            for (String id : List.of(closed, cancelled)) {
                if (message(line).contains(id)) {
                    assertThat(changeId(line)).as("change id of %s", line).isEqualTo(id);
                }
            }
            if (line.has("processInstanceId")) {
                assertThat(changeId(line)).as("change id of %s", line).isIn(closed, cancelled);
            }
        }

        List<JsonNode> jobLines = lines.stream().filter(l -> closed.equals(changeId(l)))
                .filter(l -> thread(l).startsWith("camundaTaskExecutor")).toList();
        assertThat(jobLines).as("engine lines of the change's jobs")
                .anySatisfy(l -> assertThat(logger(l)).startsWith("org.camunda.bpm.engine"));
        assertThat(jobLines).as("Patchflow's lines from the change's delegates")
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision rollout.batch on " + closed))
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision change.sealed on " + closed));

        assertThat(requestLines(lines, closed)).as("lines of the request that created the change")
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision change.requested on " + closed));
        assertThat(requestLines(lines, closed)).as("lines of a request addressing the change")
                .anySatisfy(l -> assertThat(message(l)).isEqualTo("GET \"/api/v1/changes/" + closed + "/audit\", "
                        + "parameters={}"));
        assertThat(requestLines(lines, cancelled)).as("lines of the task completed through the API")
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision test.sign-off on " + cancelled));
        JsonNode cancelAnswered = nextDispatcherLineOnTheSameThread(lines, "POST \"/api/v1/changes/" + cancelled
                + "/cancel\"");
        assertThat(message(cancelAnswered)).isEqualTo("Completed 200 OK");
        assertThat(changeId(cancelAnswered)).as("after the engine cancelled the change's process").isEqualTo(cancelled);

        String everything = String.join("\n", output);
        for (String secret : List.of(auditKey, exportKey, becomePassword, basic("alice"), basic("bob"),
                basic("erin"), basic("frank"))) {
            assertThat(everything).as("the logs").doesNotContain(secret);
        }
        if (!TestPostgres.PASSWORD.isEmpty()) {
            assertThat(everything).as("the logs").doesNotContain(TestPostgres.PASSWORD);
        }
    }

    /**
     * Patchflow as a process of its own, so its logging starts from these settings as in production: the shared
     * context's PostgreSQL properties in a schema of its own, plus {@code properties} and {@code environment}.
     */
    private static PatchflowNode start(Map<String, String> environment, Map<String, String> properties) {
        String schema = TestPostgres.newSchema("pf_logs_");
        Map<String, String> settings = new LinkedHashMap<>();
        PostgresIntegrationTest.postgres((name, value) -> settings.put(name, String.valueOf(value.get())),
                () -> schema);
        settings.putAll(properties);
        return PatchflowNode.start("logs", settings, environment, Duration.ofMinutes(4));
    }

    /**
     * A change on a fleet of its own (a test host and two production hosts): a medium-severity patch on
     * medium-criticality hosts is a standard change, approved by policy; a high one on high-criticality hosts is a
     * normal change that waits for a tester and the CAB.
     */
    private String requestChange(PatchflowNode app, String prefix, String criticality, String cvss)
            throws Exception {
        String source = prefix + run;
        StringBuilder hosts = new StringBuilder();
        List<String> names = new ArrayList<>();
        String[] environments = {"test", "prod", "prod"};
        for (int i = 0; i < environments.length; i++) {
            String name = "logs-" + source + "-" + i;
            names.add(name);
            hosts.append(i == 0 ? "" : ",").append("""
                    {"name":"%s","os":"Debian:12","environment":"%s","groups":["grp-%s"],"criticality":"%s",
                     "internetFacing":false,"packages":[{"name":"lib%s-1","version":"1.0-1","source":"%s",
                     "arch":"amd64"}]}""".formatted(name, environments[i], source, criticality, source, source));
        }
        send(app, "POST", "/api/v1/inventory", "alice", "{\"hosts\":[" + hosts + "]}", 200);
        String advisory = "PF-LOGS-" + source.toUpperCase(Locale.ROOT);
        send(app, "POST", "/api/v1/advisories", "alice", """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"structured logs test advisory","severity":[{"type":"CVSS_V3","score":"%s"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}"""
                .formatted(advisory, cvss, source), 200);
        return send(app, "POST", "/api/v1/changes", "alice", json.writeValueAsString(Map.of(
                "title", "Patch " + source, "advisories", List.of(advisory), "hosts", names)), 201)
                .path("id").asText();
    }

    /** Bob signs the test off through the task API; once the CAB is asked, Erin cancels the change. */
    private void signOffTestAndCancel(PatchflowNode app, String id) throws Exception {
        String task = await(app, id, () -> {
            for (JsonNode t : send(app, "GET", "/api/v1/tasks?changeId=" + id, "bob", null, 200)) {
                if ("signOffTest".equals(t.path("taskDefinitionKey").asText())) {
                    return t.path("id").asText();
                }
            }
            return null;
        });
        send(app, "POST", "/api/v1/tasks/" + task + "/complete", "bob",
                "{\"testResult\":\"passed\",\"testEvidence\":\"smoke tests green on the test ring\"}", 200);
        await(app, id, () -> "AWAITING_APPROVAL".equals(state(app, id)) ? id : null);
        send(app, "POST", "/api/v1/changes/" + id + "/cancel", "erin", "{\"reason\":\"superseded\"}", 200);
    }

    /** Waits until the change is in {@code state} and its trail is sealed. */
    private void awaitEnd(PatchflowNode app, String id, String state) throws Exception {
        await(app, id, () -> state.equals(state(app, id))
                && send(app, "GET", "/api/v1/changes/" + id + "/audit", "frank", null, 200)
                        .findValuesAsText("kind").contains("change.sealed") ? id : null);
    }

    private String state(PatchflowNode app, String id) throws Exception {
        return send(app, "GET", "/api/v1/changes/" + id, "frank", null, 200).path("state").asText();
    }

    interface Probe {
        String get() throws Exception;
    }

    private String await(PatchflowNode app, String id, Probe probe) throws Exception {
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String found = probe.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(id + " did not get there within " + CHANGE_TIMEOUT + "; it is " + state(app, id)
                + "; the application's output: " + app.log());
    }

    private JsonNode send(PatchflowNode app, String method, String path, String user, String body,
            int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic(user))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private static List<JsonNode> requestLines(List<JsonNode> lines, String id) {
        return lines.stream().filter(l -> id.equals(changeId(l)) && thread(l).startsWith("http-nio")).toList();
    }

    /** The line that ends a request: the dispatcher's next line on the thread that logged its start. */
    private static JsonNode nextDispatcherLineOnTheSameThread(List<JsonNode> lines, String requestStart) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode start = lines.get(i);
            if (DISPATCHER.equals(logger(start)) && message(start).startsWith(requestStart)) {
                for (JsonNode next : lines.subList(i + 1, lines.size())) {
                    if (DISPATCHER.equals(logger(next)) && thread(next).equals(thread(start))) {
                        return next;
                    }
                }
            }
        }
        throw new AssertionError("No request " + requestStart + " and its end in the log");
    }

    /** The demo users' password is their name. */
    private static String basic(String user) {
        return Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static String changeId(JsonNode line) {
        return line.path(ChangeLogContext.KEY).asText();
    }

    private static String message(JsonNode line) {
        return line.path("message").asText();
    }

    private static String thread(JsonNode line) {
        return line.path("process").path("thread").path("name").asText();
    }

    private static String logger(JsonNode line) {
        return line.path("log").path("logger").asText();
    }
}
