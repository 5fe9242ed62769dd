package io.patchflow.advisory.assessment;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Advisories, hosts and assessments through the public API, for the findings and proposals tests. */
public final class AssessmentFixtures {

    public static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    public static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";

    private final MockMvc mvc;

    public AssessmentFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    public static RequestPostProcessor operator() {
        return user("alice").roles("patch-operators");
    }

    /** A Debian:12 advisory for a source package, fixed in {@code fixed}, with an optional CVSS v3.1 vector. */
    public static String debian(String id, String source, String fixed, String cvss, String... aliases) {
        return """
                {"id":"%s","modified":"2024-01-01T00:00:00Z","aliases":[%s],%s
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}"""
                .formatted(id, String.join(",", Arrays.stream(aliases).map(a -> "\"" + a + "\"").toList()),
                        cvss == null ? "" : "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"" + cvss + "\"}],",
                        source, fixed);
    }

    public static String pkg(String name, String version) {
        return """
                {"name":"%s","version":"%s","arch":"amd64"}""".formatted(name, version);
    }

    public static String host(String name, String environment, String criticality, boolean internetFacing,
            String... packages) {
        return """
                {"name":"%s","os":"Debian:12","environment":"%s","groups":[],"criticality":"%s",
                 "internetFacing":%s,"packages":[%s]}""".formatted(name, environment, criticality, internetFacing,
                String.join(",", packages));
    }

    public void advisories(String... osv) throws Exception {
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("[" + String.join(",", osv) + "]")).andExpect(status().isOk());
    }

    public void inventory(String... hosts) throws Exception {
        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + String.join(",", hosts) + "]}")).andExpect(status().isOk());
    }

    public Map<String, Object> assess() throws Exception {
        String body = mvc.perform(post("/api/v1/assessments").with(operator())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$");
    }

    public List<Map<String, Object>> findings(String host, String state) throws Exception {
        String body = mvc.perform(get("/api/v1/findings").param("host", host).param("state", state)
                .param("size", "1000").with(operator())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$");
    }
}
