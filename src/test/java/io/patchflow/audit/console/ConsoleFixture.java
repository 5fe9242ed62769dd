package io.patchflow.audit.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A real change for the console to show: a small fleet (two test hosts, three production hosts) and a
 * medium-severity advisory loaded through the API, a change requested by alice, walked by the real engine as a
 * standard change (approved by policy) through test and production rollouts to closure.
 */
public final class ConsoleFixture {

    static final Set<String> END_STATES = Set.of("CLOSED", "REJECTED", "CANCELLED", "ABORTED", "NOT_AFFECTED");

    private final MockMvc mvc;
    private final ObjectMapper json;
    private final String run;

    public ConsoleFixture(MockMvc mvc, ObjectMapper json, String run) {
        this.mvc = mvc;
        this.json = json;
        this.run = run;
    }

    List<String> hosts() {
        return List.of("con-" + run + "-t1", "con-" + run + "-t2", "con-" + run + "-p1", "con-" + run + "-p2",
                "con-" + run + "-p3");
    }

    String advisory() {
        return "PF-CON-" + run.toUpperCase(java.util.Locale.ROOT);
    }

    String cve() {
        return "CVE-2098-" + Math.abs(run.hashCode() % 10_000_000);
    }

    /** Loads the fleet and advisory, requests the change and waits until it has ended; answers its id. */
    public String closedChange() throws Exception {
        String hosts = hosts().stream().map(h -> """
                {"name":"%s","os":"Debian:12","environment":"%s","groups":["grp-con-%s"],"criticality":"medium",
                 "internetFacing":false,"packages":[{"name":"libcon%s-1","version":"1.0-1","source":"con%s",
                 "arch":"amd64"}]}""".formatted(h, h.contains("-t") ? "test" : "prod", run, run, run))
                .collect(Collectors.joining(",", "{\"hosts\":[", "]}"));
        mvc.perform(post("/api/v1/inventory").with(httpBasic("alice", "alice"))
                .contentType(MediaType.APPLICATION_JSON).content(hosts)).andExpect(status().isOk());
        String advisory = """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "aliases":["%s"],"summary":"console test advisory",
                 "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"con%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}"""
                .formatted(advisory(), cve(), run);
        mvc.perform(post("/api/v1/advisories").with(httpBasic("alice", "alice"))
                .contentType(MediaType.APPLICATION_JSON).content(advisory)).andExpect(status().isOk());
        String body = json.writeValueAsString(Map.of("title", "Console test " + run, "advisories",
                List.of(advisory()), "hosts", hosts()));
        String created = mvc.perform(post("/api/v1/changes").with(httpBasic("alice", "alice"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(created).path("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            JsonNode change = json.readTree(mvc.perform(get("/api/v1/changes/{id}", id)
                    .with(httpBasic("frank", "frank"))).andReturn().getResponse().getContentAsString());
            if (END_STATES.contains(change.path("state").asText())) {
                return id;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(id + " did not end within 90 s; it stands at " + change);
            }
            Thread.sleep(250);
        }
    }
}
