package io.patchflow.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.testsupport.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Patchflow started with {@code PATCHFLOW_LOG_FORMAT=json} (a process of its own, on PostgreSQL) writes nothing but
 * JSON lines, and one change driven through the API from request to closure leaves the change id on every line
 * about it: the request that created it, requests addressing it, the engine's own lines while its jobs run (the
 * engine's execution logging is turned to DEBUG for this), and Patchflow's code called from those jobs. Secrets
 * given to the application (HMAC keys, a become password, the callers' credentials) appear on no line.
 */
class StructuredLogsIntegrationTest {

    private static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(3);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @Test
    void everyLineIsJsonAndEveryLineAboutAChangeCarriesItsIdButNoSecret() throws Exception {
        String auditKey = "audit-secret-" + UUID.randomUUID();
        String exportKey = "export-secret-" + UUID.randomUUID();
        String becomePassword = "become-secret-" + UUID.randomUUID();
        String id;
        List<String> output;
        Path outputFile;
        try (ApplicationProcess app = ApplicationProcess.start(
                Map.of("PATCHFLOW_LOG_FORMAT", "json", "PATCHFLOW_AUDIT_HMAC_KEY", auditKey,
                        "PATCHFLOW_AUDIT_EXPORT_HMAC_KEY", exportKey,
                        "PATCHFLOW_ANSIBLE_BECOME_PASSWORD", becomePassword,
                        // A small footprint: the database is shared with other test runs.
                        "PATCHFLOW_JOB_THREADS", "3", "PATCHFLOW_DB_POOL_SIZE", "6"),
                Map.of("logging.level.org.camunda.bpm.engine.pvm", "debug",
                        "logging.level.org.springframework.web.servlet.DispatcherServlet", "debug"))) {
            id = driveOneChangeToItsEnd(app);
            output = app.outputLines();
            outputFile = app.output();
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
            if (message(line).contains(id) || line.has("processInstanceId")) {
                assertThat(line.path(ChangeLogContext.KEY).asText()).as("change id of %s", line).isEqualTo(id);
            }
        }
        List<JsonNode> tagged = lines.stream().filter(l -> id.equals(l.path(ChangeLogContext.KEY).asText())).toList();
        List<JsonNode> jobLines = tagged.stream().filter(l -> thread(l).startsWith("camundaTaskExecutor")).toList();
        assertThat(jobLines).as("engine lines of the change's jobs")
                .anySatisfy(l -> assertThat(logger(l)).startsWith("org.camunda.bpm.engine"));
        assertThat(jobLines).as("Patchflow's lines from the change's delegates")
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision rollout.batch on " + id))
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision change.sealed on " + id));
        List<JsonNode> requestLines = tagged.stream().filter(l -> thread(l).startsWith("http-nio")).toList();
        assertThat(requestLines).as("lines of the request that created the change")
                .anySatisfy(l -> assertThat(message(l)).startsWith("Decision change.requested on " + id));
        assertThat(requestLines).as("lines of requests addressing the change")
                .anySatisfy(l -> assertThat(message(l)).isEqualTo("GET \"/api/v1/changes/" + id + "/audit\", "
                        + "parameters={}"))
                .anySatisfy(l -> assertThat(message(l)).isEqualTo("Completed 200 OK"));

        String everything = String.join("\n", output);
        for (String secret : List.of(auditKey, exportKey, becomePassword, basic("alice"), basic("frank"))) {
            assertThat(everything).as("the logs").doesNotContain(secret);
        }
        if (!TestPostgres.PASSWORD.isEmpty()) {
            assertThat(everything).as("the logs").doesNotContain(TestPostgres.PASSWORD);
        }
        Files.delete(outputFile); // kept when an assertion fails, to be looked at
    }

    /** A standard change on a fleet of its own: pre-approved by policy, rolled out, verified and closed. */
    private String driveOneChangeToItsEnd(ApplicationProcess app) throws Exception {
        StringBuilder hosts = new StringBuilder();
        List<String> names = new ArrayList<>();
        String[] environments = {"test", "prod", "prod"};
        for (int i = 0; i < environments.length; i++) {
            String name = "logs-" + run + "-" + i;
            names.add(name);
            hosts.append(i == 0 ? "" : ",").append("""
                    {"name":"%s","os":"Debian:12","environment":"%s","groups":["grp-%s"],"criticality":"medium",
                     "internetFacing":false,"packages":[{"name":"liblogs%s-1","version":"1.0-1","source":"logs%s",
                     "arch":"amd64"}]}""".formatted(name, environments[i], run, run, run));
        }
        send(app, "POST", "/api/v1/inventory", "alice", "{\"hosts\":[" + hosts + "]}", 200);
        String advisory = "PF-LOGS-" + run.toUpperCase();
        send(app, "POST", "/api/v1/advisories", "alice", """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"structured logs test advisory",
                 "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"logs%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}"""
                .formatted(advisory, run), 200);
        JsonNode created = send(app, "POST", "/api/v1/changes", "alice", json.writeValueAsString(Map.of(
                "title", "Patch logs" + run, "advisories", List.of(advisory), "hosts", names)), 201);
        String id = created.path("id").asText();

        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        JsonNode change = null;
        while (System.nanoTime() < deadline) {
            change = send(app, "GET", "/api/v1/changes/" + id, "frank", null, 200);
            if ("CLOSED".equals(change.path("state").asText())) {
                List<String> kinds = send(app, "GET", "/api/v1/changes/" + id + "/audit", "frank", null, 200)
                        .findValuesAsText("kind");
                if (kinds.contains("change.sealed")) {
                    return id;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(id + " did not close within " + CHANGE_TIMEOUT + "; last seen: " + change
                + "; the application's output: " + app.output());
    }

    private JsonNode send(ApplicationProcess app, String method, String path, String user, String body,
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

    /** The demo users' password is their name. */
    private static String basic(String user) {
        return Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
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
