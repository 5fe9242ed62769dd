package io.patchflow.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What the change API tests share: a small fleet and an advisory of their own (names unique per test), requests as
 * the demo users over HTTP Basic, and a bounded wait for the real job executor to move a change along. No
 * configuration here: the application context is the one all integration tests share.
 */
abstract class ChangeApiIntegrationTest extends PostgresIntegrationTest {

    /** How long a change may take to reach the next state before the test gives up and says where it stands. */
    static final Duration WAIT = Duration.ofSeconds(60);

    static final String CVSS_5_3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N";
    static final String CVSS_7_5 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";
    static final String OLD_VERSION = "1.0-1";
    static final String FIXED_VERSION = "1.0-2";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ManagementService management;

    /** Unique per test instance: host names, package names and advisory ids carry it. */
    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);

    static RequestPostProcessor as(String demoUser) {
        return httpBasic(demoUser, demoUser);
    }

    /** A host of the test's fleet with one binary package built from the test's own source package. */
    record HostSpec(String name, String environment, String criticality) {
    }

    String sourcePackage(String prefix) {
        return prefix + run;
    }

    String binaryPackage(String prefix) {
        return "lib" + prefix + run + "-1";
    }

    String hostJson(HostSpec host, String prefix) {
        return """
                {"name":"%s","os":"Debian:12","environment":"%s","groups":["grp-%s"],"criticality":"%s",
                 "internetFacing":false,"packages":[
                   {"name":"%s","version":"%s","source":"%s","arch":"amd64"},
                   {"name":"bash","version":"5.2.15-2+b2","arch":"amd64"}]}"""
                .formatted(host.name(), host.environment(), run, host.criticality(), binaryPackage(prefix), OLD_VERSION,
                        sourcePackage(prefix));
    }

    void importHosts(List<HostSpec> hosts, String prefix) throws Exception {
        String body = hosts.stream().map(h -> hostJson(h, prefix)).collect(Collectors.joining(",", "{\"hosts\":[",
                "]}"));
        mvc.perform(post("/api/v1/inventory").with(as("alice")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
    }

    /** An OSV advisory (Debian:12) for the test's source package, fixed in {@link #FIXED_VERSION}. */
    String advisoryJson(String id, String prefix, String cvssVector) {
        return """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "aliases":["CVE-2099-%s"],"summary":"integration test advisory for %s",
                 "severity":[{"type":"CVSS_V3","score":"%s"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}"""
                .formatted(id, Math.abs(id.hashCode() % 10_000_000), sourcePackage(prefix), cvssVector,
                        sourcePackage(prefix), FIXED_VERSION);
    }

    String loadAdvisory(String prefix, String cvssVector) throws Exception {
        String id = "PF-IT-" + prefix.toUpperCase(Locale.ROOT) + "-" + run.toUpperCase(Locale.ROOT);
        mvc.perform(post("/api/v1/advisories").with(as("alice")).contentType(MediaType.APPLICATION_JSON)
                .content(advisoryJson(id, prefix, cvssVector)))
                .andExpect(status().isOk());
        return id;
    }

    String requestChange(String user, String title, String advisory, List<String> hosts) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("title", title, "advisories", List.of(advisory),
                "hosts", hosts));
        JsonNode created = read(mvc.perform(post("/api/v1/changes").with(as(user))
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)));
        assertThat(created.path("state").asText()).isEqualTo("REQUESTED");
        assertThat(created.path("processInstanceId").asText()).isNotBlank();
        return created.path("id").asText();
    }

    JsonNode change(String id) throws Exception {
        return read(mvc.perform(get("/api/v1/changes/{id}", id).with(as("frank"))).andExpect(status().isOk()));
    }

    JsonNode rollout(String id) throws Exception {
        return read(mvc.perform(get("/api/v1/changes/{id}/rollout", id).with(as("frank")))
                .andExpect(status().isOk()));
    }

    JsonNode host(String name) throws Exception {
        return read(mvc.perform(get("/api/v1/hosts/{name}", name).with(as("frank"))).andExpect(status().isOk()));
    }

    String installedVersion(String hostName, String prefix) throws Exception {
        for (JsonNode p : host(hostName).path("packages")) {
            if (p.path("name").asText().equals(binaryPackage(prefix))) {
                return p.path("version").asText();
            }
        }
        throw new AssertionError(hostName + " has no package " + binaryPackage(prefix));
    }

    List<JsonNode> audit(String changeId) throws Exception {
        return list(read(mvc.perform(get("/api/v1/changes/{id}/audit", changeId).with(as("frank")))
                .andExpect(status().isOk())));
    }

    static List<String> kinds(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("kind").asText()).toList();
    }

    static List<JsonNode> entries(List<JsonNode> entries, String kind) {
        return entries.stream().filter(e -> kind.equals(e.path("kind").asText())).toList();
    }

    /** The open tasks of a change that the user may see, through {@code GET /api/v1/tasks?changeId=}. */
    List<JsonNode> tasks(String changeId, RequestPostProcessor user) throws Exception {
        return list(read(mvc.perform(get("/api/v1/tasks").param("changeId", changeId).with(user))
                .andExpect(status().isOk())));
    }

    /** Waits until the user sees an unassigned task of that kind on the change, and answers it. */
    JsonNode awaitTask(String changeId, String taskKey, RequestPostProcessor user) throws Exception {
        return await("a " + taskKey + " task of " + changeId, changeId, () -> {
            for (JsonNode t : tasks(changeId, user)) {
                if (taskKey.equals(t.path("taskDefinitionKey").asText()) && absent(t.path("assignee"))) {
                    return t;
                }
            }
            return null;
        }, t -> t != null);
    }

    ResultActions complete(String taskId, RequestPostProcessor user, String form) throws Exception {
        return mvc.perform(post("/api/v1/tasks/{id}/complete", taskId).with(user)
                .contentType(MediaType.APPLICATION_JSON).content(form));
    }

    JsonNode awaitState(String changeId, String... states) throws Exception {
        Set<String> wanted = Set.of(states);
        return await("state " + wanted + " of " + changeId, changeId, () -> change(changeId),
                c -> wanted.contains(c.path("state").asText()));
    }

    static final Set<String> END_STATES = Set.of("CLOSED", "REJECTED", "CANCELLED", "ABORTED", "NOT_AFFECTED");

    /**
     * Waits until the change's lifecycle has ended: a final state, and its trail sealed. (A CAB rejection sets the
     * final state at once; the ticket transition and the seal follow in the asynchronous reject step.)
     */
    JsonNode awaitEnd(String changeId) throws Exception {
        await("the end of " + changeId, changeId, () -> END_STATES.contains(change(changeId).path("state").asText())
                && kinds(audit(changeId)).contains("change.sealed"), done -> done);
        return change(changeId);
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /**
     * Polls until {@code done} holds, at most {@link #WAIT}. On timeout the failure says where the change stands:
     * its state, the engine's active steps and any failed job's message.
     */
    <T> T await(String what, String changeId, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting for " + what + "; last seen: "
                + last + "; " + whereIs(changeId));
    }

    private String whereIs(String changeId) {
        try {
            JsonNode c = change(changeId);
            List<String> failures = management.createJobQuery().processInstanceId(c.path("processInstanceId")
                    .asText()).withException().list().stream().map(j -> j.getExceptionMessage()).toList();
            return "change " + changeId + " is " + c.path("state").asText() + " at " + c.path("activeSteps")
                    + ", failed jobs: " + failures;
        } catch (Exception e) {
            return "change " + changeId + " could not be read: " + e;
        }
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    /** Whether {@code expected} occurs in {@code actual} in this order (other entries may come between). */
    static boolean inOrder(List<String> actual, List<String> expected) {
        int i = 0;
        for (String kind : actual) {
            if (i < expected.size() && expected.get(i).equals(kind)) {
                i++;
            }
        }
        return i == expected.size();
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty();
    }
}
