package io.patchflow.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.PackageInput;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class AdvisoryApiIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AdvisoryImport advisoryImport;
    @Autowired
    InventoryImport inventory;
    @Autowired
    Advisories advisories;
    @Autowired
    RiskFeeds riskFeeds;

    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    private static RequestPostProcessor operator() {
        return user("alice").roles("patch-operators");
    }

    /** A Debian advisory for a source package unique to this test run. */
    private String debianAdvisory(String id, String modified, String source, String fixed, String extra) {
        return """
                {"id":"%s","modified":"%s","aliases":["CVE-2099-%s"],"summary":"test advisory",%s
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}"""
                .formatted(id, modified, Math.abs(id.hashCode() % 100000), extra, source, fixed);
    }

    @Test
    void importsAnArrayAndReplacesAnAdvisoryOnlyWithANewerModified() throws Exception {
        String id = "PF-" + run + "-1";
        String src = "lib-" + run.toLowerCase();
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("[" + debianAdvisory(id, "2024-01-01T00:00:00Z", src, "1.0-2", "") + ","
                        + debianAdvisory(id + "W", "2024-01-01T00:00:00Z", src, "1.0-2",
                                "\"withdrawn\":\"2024-02-01T00:00:00Z\",") + "]"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"advisories\":2,\"withdrawn\":1,\"skipped\":0}"));

        mvc.perform(post("/api/v1/advisories").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(debianAdvisory(id, "2023-06-01T00:00:00Z", src, "9.9-9", "")))
                .andExpect(status().isOk()).andExpect(content().json("{\"advisories\":0,\"skipped\":1}"));
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(debianAdvisory(id, "2024-03-01T00:00:00Z", src, "1.0-3", "\"severity\":[{\"type\":"
                        + "\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],")))
                .andExpect(status().isOk()).andExpect(content().json("{\"advisories\":1,\"skipped\":0}"));

        mvc.perform(get("/api/v1/advisories/" + id).with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.cvssScore").value(9.8))
                .andExpect(jsonPath("$.ecosystems[0]").value("Debian:12"));
        assertThat(advisories.advisory(id + "W")).hasValueSatisfying(a -> assertThat(a.withdrawn()).isTrue());
    }

    @Test
    void refusesABadRangeEventNamingItsPathAndWritesNothing() throws Exception {
        String id = "PF-" + run + "-2";
        String bad = """
                {"id":"%s-B","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.0","limit":"2.0.0"}]}]}]}"""
                .formatted(id);
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("[" + debianAdvisory(id, "2024-01-01T00:00:00Z", "a", "1", "") + ","
                        + debianAdvisory(id + "-A", "2024-01-01T00:00:00Z", "a", "1", "") + "," + bad + "]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("[2].affected[0].ranges[0].events[1]"));

        assertThat(advisories.unknown(List.of(id, id + "-A"))).containsExactly(id, id + "-A");
    }

    @Test
    void importsAnOsvZipAndPassesOverFilesThatAreNotJson() throws Exception {
        byte[] zip = zip(List.of(
                new Item("PyPI/GHSA-p44j-xrqg-4xrr.json", Files.readAllBytes(Fixtures.path(
                        "osv/ghsa-pypi_normalize.osv.json"))),
                new Item("Maven/GHSA-76mp-659p-rw65.json", Files.readAllBytes(Fixtures.path(
                        "osv/ghsa-maven_greater_than.osv.json"))),
                new Item("RubyGems/GHSA-35c4-f3rq-f9g3.json", Files.readAllBytes(Fixtures.path(
                        "osv/ghsa-withdrawn.osv.json"))),
                new Item("LICENSE", "text".getBytes(StandardCharsets.UTF_8))));

        mvc.perform(post("/api/v1/advisories").with(operator()).contentType("application/zip").content(zip))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ignoredEntries").value(1));

        assertThat(advisories.unknown(List.of("GHSA-p44j-xrqg-4xrr", "CVE-2021-32620", "GHSA-35c4-f3rq-f9g3")))
                .isEmpty();
    }

    @Test
    void refusesAZipWhosePathsClimbOutOrThatIsABomb() throws Exception {
        byte[] traversal = zip(List.of(new Item("../../etc/cron.d/x.json", "{}".getBytes(StandardCharsets.UTF_8))));
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType("application/zip").content(traversal))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.entry").value("../../etc/cron.d/x.json"));

        byte[] bomb = zip(List.of(new Item("bomb.json", new byte[50 * 1024 * 1024])));
        mvc.perform(post("/api/v1/advisories").with(operator()).contentType("application/zip").content(bomb))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesAnonymousCallersAndReadOnlyRoles() throws Exception {
        String body = debianAdvisory("PF-" + run + "-3", "2024-01-01T00:00:00Z", "a", "1", "");
        mvc.perform(post("/api/v1/advisories").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/advisories").with(user("frank").roles("compliance-officers"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/assessments").with(user("frank").roles("compliance-officers")))
                .andExpect(status().isForbidden());
    }

    @Test
    void assessesTheFleetMatchingDebianSourcePackagesAndLibraryPackages() throws Exception {
        String src = "openssl-" + run.toLowerCase();
        String host = "web-" + run.toLowerCase();
        String fixedId = "PF-" + run + "-DSA";
        String openId = "PF-" + run + "-OPEN";
        advisoryImport.importOsv(new ByteArrayInputStream(("[" + debianAdvisory(fixedId, "2024-01-01T00:00:00Z", src,
                "3.0.11-1~deb12u2", "") + "," + """
                {"id":"%s","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Debian",
                 "name":"%s"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"3.0.0-1"}]}]}]}"""
                .formatted(openId, src) + "]").getBytes(StandardCharsets.UTF_8)));
        advisoryImport.importOsv(Files.newInputStream(Fixtures.path("osv/ghsa-maven_greater_than.osv.json")));
        inventory.importHosts(List.of(new HostInput(host, "Debian:12", "prod", List.of(), "high", true, List.of(
                new PackageInput("libssl3", "3.0.11-1~deb12u1", src, null, "amd64", null, null),
                new PackageInput(src, "3.0.11-1~deb12u1", null, null, "amd64", null, null),
                new PackageInput("org.xwiki.commons:xwiki-commons-core", "12.6.6", null, null, null, "Maven", null),
                new PackageInput("unrelated", "1.0-1")))));

        mvc.perform(post("/api/v1/assessments").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").isNumber())
                .andExpect(jsonPath("$.durationMillis").isNumber());

        mvc.perform(get("/api/v1/findings").param("host", host).with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "3"))
                .andExpect(jsonPath("$[?(@.advisory=='" + fixedId + "')].package").value(src))
                .andExpect(jsonPath("$[?(@.advisory=='" + fixedId + "')].installedVersion").value("3.0.11-1~deb12u1"))
                .andExpect(jsonPath("$[?(@.advisory=='" + fixedId + "')].fixedVersion").value("3.0.11-1~deb12u2"))
                .andExpect(jsonPath("$[?(@.advisory=='" + fixedId + "')].status").value("FIX_AVAILABLE"))
                .andExpect(jsonPath("$[?(@.advisory=='" + openId + "')].status").value("NO_FIX"))
                .andExpect(jsonPath("$[?(@.advisory=='GHSA-76mp-659p-rw65')].fixedVersion").value("12.6.7"))
                .andExpect(jsonPath("$[?(@.advisory=='GHSA-76mp-659p-rw65')].aliases[0]").value("CVE-2021-32620"));

        mvc.perform(get("/api/v1/findings").param("host", host).param("status", "NO_FIX").with(operator()))
                .andExpect(header().string("X-Total-Count", "1"));
        mvc.perform(get("/api/v1/findings").param("status", "BROKEN").with(operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("status"));
        assertThat(advisories.match(List.of(fixedId), List.of(host))).singleElement()
                .satisfies(f -> assertThat(f.fixedVersion()).isEqualTo("3.0.11-1~deb12u2"));
    }

    @Test
    void withdrawnAdvisoriesNeverMatch() {
        String src = "zlib-" + run.toLowerCase();
        String host = "db-" + run.toLowerCase();
        String id = "PF-" + run + "-WD";
        advisoryImport.importOsv(new ByteArrayInputStream(debianAdvisory(id, "2024-01-01T00:00:00Z", src, "2.0-1",
                "\"withdrawn\":\"2024-02-01T00:00:00Z\",").getBytes(StandardCharsets.UTF_8)));
        inventory.importHosts(List.of(new HostInput(host, "Debian:12", "prod", List.of(), "low", false,
                List.of(new PackageInput(src, "1.0-1")))));

        assertThat(advisories.match(List.of(id), List.of(host))).isEmpty();
        assertThat(advisories.advisory(id)).hasValueSatisfying(a -> assertThat(a.withdrawn()).isTrue());
    }

    @Test
    void combinesCvssEpssAndKevIntoRiskSignalsWithTheirSources() {
        String id = "PF-" + run + "-RISK";
        String cve = "CVE-2099-" + (10000 + Math.abs(run.hashCode() % 80000));
        advisoryImport.importOsv(new ByteArrayInputStream(("""
                {"id":"%s","modified":"2024-01-01T00:00:00Z","aliases":["%s"],"severity":[{"type":"CVSS_V3",
                 "score":"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"}]}""").formatted(id, cve)
                .getBytes(StandardCharsets.UTF_8)));
        riskFeeds.storeKev(List.of(new KevEntry(cve, LocalDate.of(2025, 8, 25))), "test");
        riskFeeds.storeEpss(List.of(new EpssScore(cve, new BigDecimal("0.91234"), new BigDecimal("0.99"),
                LocalDate.of(2025, 8, 25))));

        RiskSignals signals = advisories.riskSignals(List.of(id));

        assertThat(signals.maxCvssScore()).isEqualByComparingTo("7.8");
        assertThat(signals.maxEpssProbability()).isEqualByComparingTo("0.91234");
        assertThat(signals.inKev()).isTrue();
        assertThat(signals.sources()).hasSize(3).anySatisfy(s -> assertThat(s).contains(cve).contains("KEV"));
        assertThat(advisories.riskSignals(List.of("PF-" + run + "-NONE")).inKev()).isFalse();
    }

    @Test
    void loadsTheCisaKevCatalogAsPublished() throws Exception {
        mvc.perform(post("/api/v1/feeds/kev").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content(Files.readAllBytes(Fixtures.path("kev/known_exploited_vulnerabilities.json"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.entries").value(1404));
        assertThat(advisories.riskSignals(List.of("CVE-2025-48384")).inKev()).isTrue();
    }

    record Item(String name, byte[] content) {
    }

    private static byte[] zip(List<Item> items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Item item : items) {
                zip.putNextEntry(new ZipEntry(item.name()));
                zip.write(item.content());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
