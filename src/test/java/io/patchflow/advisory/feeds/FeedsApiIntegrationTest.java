package io.patchflow.advisory.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchflow.advisory.Advisories;
import io.patchflow.advisory.Finding;
import io.patchflow.advisory.Fixtures;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.advisory.store.StoredAffected;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.PackageInput;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The feed uploads end to end on PostgreSQL. The tracker sample's package names get this run's suffix, so its
 * advisories concern only this test's hosts; each test ends by loading an empty tracker file, which retracts them.
 */
class FeedsApiIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    InventoryImport inventory;
    @Autowired
    Advisories advisories;
    @Autowired
    AdvisoryReader reader;
    @Autowired
    FeedImports imports;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String operator = "op-" + run;

    private RequestPostProcessor operator() {
        return user(operator).roles("patch-operators");
    }

    private static RequestPostProcessor compliance() {
        return user("frank").roles("compliance-officers");
    }

    @AfterEach
    void retractThisRunsTrackerData() {
        imports.importDebianTracker(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "test",
                "cleanup");
    }

    /** The hand-written tracker sample with every package renamed to {@code <name>-<run>}. */
    private byte[] trackerSample() throws IOException {
        JsonNode sample;
        try (InputStream in = getClass().getResourceAsStream("/io/patchflow/advisory/tracker/tracker-sample.json")) {
            sample = mapper.readTree(in);
        }
        ObjectNode renamed = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = sample.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pkg = it.next();
            renamed.set(pkg.getKey() + "-" + run, pkg.getValue());
        }
        return mapper.writeValueAsBytes(renamed);
    }

    private String id(String pkg, String issue) {
        return "DEBIAN-TRACKER:" + pkg + "-" + run + ":" + issue;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }

    private void host(String name, String os, String source, String version) {
        inventory.importHosts(List.of(new HostInput(name, os, "prod", List.of(), "high", true, List.of(
                new PackageInput("lib" + source, version, source, version, "amd64", null, null)))));
    }

    @Test
    void aGzippedTrackerFileGivesFixedAndNoFixAdvisoriesPerDebianRelease() throws Exception {
        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType("application/gzip")
                .content(gzip(trackerSample())))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"packages":6,"issues":9,"advisories":8,"added":8,"changed":0,"unchanged":0,
                         "fixed":13,"noFix":10,"notAffected":6,"skippedReleases":0}"""));

        String openssl = "openssl-" + run;
        host("bookworm-" + run, "Debian:12", openssl, "3.0.11-1~deb12u1");
        host("bullseye-" + run, "Debian:11", openssl, "1.1.1w-0+deb11u1");
        List<Finding> findings = advisories.match(List.of("CVE-2024-4741"), List.of("bookworm-" + run,
                "bullseye-" + run));

        assertThat(findings).filteredOn(f -> f.advisory().equals(id("openssl", "CVE-2024-4741")))
                .extracting(Finding::host, Finding::status, Finding::fixedVersion)
                .containsExactlyInAnyOrder(
                        tuple("bookworm-" + run, Finding.FIX_AVAILABLE,
                                "3.0.14-1~deb12u1"),
                        tuple("bullseye-" + run, Finding.NO_FIX, null));
        assertThat(advisories.match(List.of(id("openssl", "CVE-2022-3602")), List.of("bullseye-" + run))).isEmpty();
        assertThat(reader.affectedOf(List.of(id("openssl", "CVE-2024-4741")))).extracting(StoredAffected::affected)
                .filteredOn(a -> a.ecosystem().equals("Debian:11")).singleElement()
                .satisfies(a -> assertThat(a.noFixReason()).isEqualTo("no-dsa: Minor issue"));
        mvc.perform(get("/api/v1/advisories/" + id("glibc", "CVE-2023-4911")).with(compliance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.aliases[0]").value("CVE-2023-4911"))
                .andExpect(jsonPath("$.ecosystems.length()").value(3));
    }

    @Test
    void aNewTrackerFileReplacesThePreviousOneAndRetractsWhatItNoLongerLists() throws Exception {
        byte[] first = trackerSample();
        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(first)).andExpect(status().isOk());
        ObjectNode second = (ObjectNode) mapper.readTree(first);
        second.remove("python2.7-" + run);
        ((ObjectNode) second.at("/openssl-" + run + "/CVE-2024-4741/releases/bullseye"))
                .put("status", "resolved").put("fixed_version", "0");
        ((ObjectNode) second.at("/linux-" + run + "/CVE-2024-26581/releases/bookworm"))
                .put("fixed_version", "6.1.82-2");

        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(mapper.writeValueAsBytes(second)))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"advisories":7,"added":0,"changed":2,"unchanged":5,"retracted":1}"""));

        assertThat(advisories.advisory(id("python2.7", "CVE-2023-24329"))).isEmpty();
        assertThat(reader.affectedOf(List.of(id("openssl", "CVE-2024-4741")))).extracting(s -> s.affected()
                .ecosystem()).doesNotContain("Debian:11");
        assertThat(reader.affectedOf(List.of(id("linux", "CVE-2024-26581")))).extracting(s -> s.affected()
                .ranges().get(0).events().get(1).version()).contains("6.1.82-2");
    }

    @Test
    void twoLoadsOfTheTrackerAtOnceRunOneAfterTheOther() throws Exception {
        byte[] sample = trackerSample();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> imports.importDebianTracker(new ByteArrayInputStream(sample), operator,
                    "upload"));
            var second = pool.submit(() -> imports.importDebianTracker(new ByteArrayInputStream(sample), "system",
                    "https://security-tracker.debian.org/tracker/data/json"));

            assertThat(List.of(first.get(), second.get())).extracting(r -> r.added() + r.unchanged())
                    .containsExactly(8, 8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(advisories.advisory(id("openssl", "CVE-2024-4741"))).isPresent();
    }

    @Test
    void aMalformedTrackerFileIsRefusedNamingTheEntryAndChangesNothing() throws Exception {
        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(trackerSample())).andExpect(status().isOk());
        String broken = new String(trackerSample(), StandardCharsets.UTF_8)
                .replace("\"status\":\"undetermined\"", "\"status\":\"maybe\"");

        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"aaa-" + run + "\":{\"CVE-2099-1\":{\"releases\":{\"bookworm\":{\"status\":\"open\"}}}},"
                        + broken.substring(1)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("linux-" + run + "/TEMP-0000000-F7A20F/bookworm/status"));

        assertThat(advisories.unknown(List.of(id("aaa", "CVE-2099-1")))).hasSize(1);
        assertThat(advisories.advisory(id("linux", "TEMP-0000000-F7A20F"))).isPresent();
        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"openssl\":{\"CVE-2099-1\":{\"releases\":{\"bookworm\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("line 1")));
    }

    @Test
    void aGzipBombIsRefusedBeforeItIsInflated() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"openssl\":{\"CVE-2099-1\":{\"description\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) 'a');
            for (int i = 0; i < 200; i++) {
                gz.write(spaces);
            }
        }
        mvc.perform(post("/api/v1/feeds/debian-tracker").with(operator()).contentType("application/gzip")
                .content(bytes.toByteArray()))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void kevAndEpssKeepWhatTheFileSaysAboutItselfAndEveryLoadIsListedAndAudited() throws Exception {
        mvc.perform(post("/api/v1/feeds/kev").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(Files.readAllBytes(Fixtures.path("kev/known_exploited_vulnerabilities.json"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries").value(1404))
                .andExpect(jsonPath("$.catalogVersion").value("2025.08.25"))
                .andExpect(jsonPath("$.dateReleased").value("2025-08-25T17:04:19.9796Z"));
        byte[] epss = gzip("""
                #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000
                cve,epss,percentile
                CVE-2025-48384,0.00484,0.64342
                CVE-2099-%d,0.91000,0.99000
                """.formatted(10_000 + Math.abs(run.hashCode() % 80_000)).getBytes(StandardCharsets.UTF_8));
        mvc.perform(post("/api/v1/feeds/epss").with(operator()).contentType("application/gzip").content(epss))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scores").value(2))
                .andExpect(jsonPath("$.modelVersion").value("v2025.03.14"))
                .andExpect(jsonPath("$.scoreDate").value("2025-08-25"));

        mvc.perform(get("/api/v1/feeds").with(compliance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.version").value("2025.08.25"))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.loadedBy").value(operator))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.origin").value("upload"))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.counts.entries").value(1404))
                .andExpect(jsonPath("$[?(@.feed=='kev')].stored").value(Matchers.hasItem(
                        Matchers.greaterThanOrEqualTo(1404))))
                .andExpect(jsonPath("$[?(@.feed=='epss')].lastLoad.version").value("v2025.03.14"))
                .andExpect(jsonPath("$[?(@.feed=='epss')].lastLoad.publishedAt").value(
                        Matchers.hasItem(Matchers.startsWith("2025-08-25"))))
                // no URL configured: never pulled, so no schedule
                .andExpect(jsonPath("$[?(@.feed=='epss')].schedule").isEmpty());
        mvc.perform(get("/api/v1/audit").param("kind", "feed.loaded").param("actor", operator).with(compliance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.entries[0].inputs.feed").value("kev"))
                .andExpect(jsonPath("$.entries[0].inputs.version").value("2025.08.25"))
                .andExpect(jsonPath("$.entries[1].inputs.feed").value("epss"));
        assertThat(advisories.riskSignals(List.of("CVE-2025-48384")).kevDueDate())
                .isEqualTo(LocalDate.of(2025, 9, 15));
    }

    @Test
    void anOsvUploadIsAFeedLoadToo() throws Exception {
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(Files.readAllBytes(Fixtures.path("osv/ghsa-npm_greater_than.osv.json"))))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/audit").param("kind", "feed.loaded").param("actor", operator).with(compliance()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.entries[0].inputs.feed").value("osv"));
        mvc.perform(get("/api/v1/feeds").with(user("bob").roles("patch-testers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.feed=='osv')].lastAttempt.succeeded").value(
                        Matchers.hasItem(true)));
    }

    @Test
    void osvRecordsOfEveryDistributionAreStoredFoundByTheirCveAndMatched() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path root = Path.of(getClass().getResource("/io/patchflow/advisory/osv/ecosystems")
                .toURI());
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(file).toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType("application/zip")
                .content(bytes.toByteArray()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ignoredEntries").value(1));

        mvc.perform(get("/api/v1/advisories/RHSA-2024:4312").with(compliance()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.aliases[0]").value("CVE-2024-6387"))
                .andExpect(jsonPath("$.cvssScore").value(8.1));
        assertThat(advisories.match(List.of("CVE-2024-6387"), List.of("none-" + run))).isEmpty();
        inventory.importHosts(List.of(
                new HostInput("jammy-" + run, "Ubuntu:22.04", "prod", List.of(), "high", true, List.of(
                        new PackageInput("openssh-server", "1:8.9p1-3ubuntu0.6", "openssh", "1:8.9p1-3ubuntu0.6",
                                "amd64", null, null))),
                new HostInput("alpine-" + run, "Alpine:v3.20", "prod", List.of(), "high", true, List.of(
                        new PackageInput("openssh", "9.7_p1-r3"))),
                new HostInput("rhel-" + run, "Red Hat:9", "prod", List.of(), "high", true, List.of(
                        new PackageInput("openssh", "8.7p1-38.el9"))),
                new HostInput("go-" + run, "Debian:12", "prod", List.of(), "low", false, List.of(
                        new PackageInput("golang.org/x/net", "0.22.0", null, null, null, "Go", null)))));

        assertThat(advisories.match(List.of("CVE-2024-6387", "CVE-2023-45288"), List.of("jammy-" + run,
                "alpine-" + run, "rhel-" + run, "go-" + run)))
                .extracting(Finding::host, Finding::advisory, Finding::fixedVersion)
                .containsExactlyInAnyOrder(
                        tuple("jammy-" + run, "UBUNTU-CVE-2024-6387",
                                "1:8.9p1-3ubuntu0.10"),
                        tuple("alpine-" + run, "ALPINE-CVE-2024-6387", "9.7_p1-r4"),
                        tuple("rhel-" + run, "RHSA-2024:4312", "0:8.7p1-38.el9_4.1"),
                        tuple("go-" + run, "GO-2024-2687", "0.23.0"));
    }

    @Test
    void onlyOperatorsUploadFeeds() throws Exception {
        mvc.perform(post("/api/v1/feeds/debian-tracker").with(compliance()).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/feeds")).andExpect(status().isUnauthorized());
    }
}
