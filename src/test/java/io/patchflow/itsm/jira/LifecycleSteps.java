package io.patchflow.itsm.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A change walked through the API for tests that run an application of their own (and so cannot extend the shared
 * change API test base): a small fleet and an advisory named after the test, requests as the demo users.
 */
abstract class LifecycleSteps {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String CVSS_7_5 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);

    record HostSpec(String name, String environment, String criticality) {
    }

    static RequestPostProcessor as(String demoUser) {
        return httpBasic(demoUser, demoUser);
    }

    String sourcePackage(String prefix) {
        return prefix + run;
    }

    void importHosts(List<HostSpec> hosts, String prefix) throws Exception {
        String body = hosts.stream().map(h -> """
                {"name":"%s","os":"Debian:12","environment":"%s","groups":["grp-%s"],"criticality":"%s",
                 "internetFacing":false,"packages":[{"name":"lib%s-1","version":"1.0-1","source":"%s","arch":"amd64"}]}"""
                .formatted(h.name(), h.environment(), run, h.criticality(), sourcePackage(prefix),
                        sourcePackage(prefix))).collect(Collectors.joining(",", "{\"hosts\":[", "]}"));
        mvc.perform(post("/api/v1/inventory").with(as("alice")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
    }

    String loadAdvisory(String prefix, String cvssVector) throws Exception {
        String id = "PF-IT-" + prefix.toUpperCase(Locale.ROOT) + "-" + run.toUpperCase(Locale.ROOT);
        mvc.perform(post("/api/v1/advisories").with(as("alice")).contentType(MediaType.APPLICATION_JSON).content("""
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"integration test advisory","severity":[{"type":"CVSS_V3","score":"%s"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}"""
                .formatted(id, cvssVector, sourcePackage(prefix)))).andExpect(status().isOk());
        return id;
    }

    String requestChange(String user, String title, String advisory, List<String> hosts) throws Exception {
        JsonNode created = read(mvc.perform(post("/api/v1/changes").with(as(user))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("title", title,
                        "advisories", List.of(advisory), "hosts", hosts))))
                .andExpect(status().isCreated()));
        return created.path("id").asText();
    }

    JsonNode change(String id) throws Exception {
        return read(mvc.perform(get("/api/v1/changes/{id}", id).with(as("frank"))).andExpect(status().isOk()));
    }

    List<JsonNode> audit(String changeId) throws Exception {
        return StreamSupport.stream(read(mvc.perform(get("/api/v1/changes/{id}/audit", changeId).with(as("frank")))
                .andExpect(status().isOk())).spliterator(), false).toList();
    }

    static List<JsonNode> entries(List<JsonNode> entries, String kind) {
        return entries.stream().filter(e -> kind.equals(e.path("kind").asText())).toList();
    }

    JsonNode awaitTask(String changeId, String taskKey, RequestPostProcessor user) throws Exception {
        return await("a " + taskKey + " task of " + changeId, changeId, () -> {
            for (JsonNode t : read(mvc.perform(get("/api/v1/tasks").param("changeId", changeId).with(user))
                    .andExpect(status().isOk()))) {
                if (taskKey.equals(t.path("taskDefinitionKey").asText())) {
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

    JsonNode awaitEnd(String changeId) throws Exception {
        await("the end of " + changeId, changeId, () -> entries(audit(changeId), "change.sealed").isEmpty(),
                open -> !open);
        return change(changeId);
    }

    interface Probe<T> {
        T get() throws Exception;
    }

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
                + last + "; change: " + change(changeId));
    }

    JsonNode read(ResultActions result) throws Exception {
        JsonNode node = json.readTree(result.andReturn().getResponse().getContentAsString());
        assertThat(node).isNotNull();
        return node;
    }
}
