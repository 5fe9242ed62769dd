package io.patchflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.advisory.Fixtures;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code POST /api/v1/inventory} in every format, on PostgreSQL: what is imported, replaced and refused. */
class InventoryFormatsApiIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Fleet fleet;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private MockHttpServletRequestBuilder upload(String format, String contentType, byte[] body, String host,
            String os) {
        MockHttpServletRequestBuilder request = post("/api/v1/inventory").with(user("alice").roles("patch-operators"))
                .contentType(contentType).content(body);
        if (format != null) {
            request.param("format", format);
        }
        if (host != null) {
            request.param("host", host).param("os", os).param("environment", "prod-" + run)
                    .param("groups", "web,dmz").param("criticality", "high").param("internetFacing", "true");
        }
        return request;
    }

    @Test
    void importsADpkgListForTheHostOfTheParameters() throws Exception {
        String host = "dpkg-" + run;
        mvc.perform(upload("dpkg", "text/plain", FormatSamples.sample("dpkg-debian12.tsv"), host, "Debian:12"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"hosts\":1,\"packages\":19,\"added\":19,\"removed\":0,\"changed\":0}"));

        assertThat(fleet.host(host)).hasValueSatisfying(view -> {
            assertThat(view.groups()).containsExactly("dmz", "web");
            assertThat(view.internetFacing()).isTrue();
            assertThat(view.criticality()).isEqualTo("high");
        });
        assertThat(fleet.packages(host)).contains(new InstalledPackage("bash", "5.2.15-2+b8", "bash", "5.2.15-2",
                "amd64", "Debian:12", null), new InstalledPackage("dmsetup", "2:1.02.185-2", "lvm2", "2.03.16-2",
                "amd64", "Debian:12", null));
    }

    @Test
    void importsAnRpmListWithSourcePackagesFromTheSourceRpms() throws Exception {
        String host = "rpm-" + run;
        mvc.perform(upload("rpm", "text/plain", FormatSamples.sample("rpm-rhel9.tsv"), host, "Red Hat:9"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.packages").value(18));

        assertThat(fleet.packages(host)).contains(new InstalledPackage("openssl-libs", "1:3.0.7-27.el9", "openssl",
                "1:3.0.7-27.el9", "x86_64", "Red Hat:9", null));
    }

    @Test
    void importsACsvOfSeveralHosts() throws Exception {
        String csv = new String(FormatSamples.sample("inventory.csv")).replace("web-1", "web-" + run)
                .replace("db-1", "db-" + run);
        mvc.perform(upload(null, "text/csv", csv.getBytes(), null, null))
                .andExpect(status().isOk()).andExpect(jsonPath("$.hosts").value(2))
                .andExpect(jsonPath("$.packages").value(5));

        assertThat(fleet.packages("web-" + run)).extracting(InstalledPackage::name, InstalledPackage::ecosystem)
                .containsExactlyInAnyOrder(tuple("libssl3", "Debian:12"), tuple("bsdutils", "Debian:12"),
                        tuple("log4j-core", "Maven"));
        assertThat(fleet.host("db-" + run)).hasValueSatisfying(v -> assertThat(v.os()).isEqualTo("Red Hat:9"));
    }

    @Test
    void importsARealCycloneDxSbomChosenByItsMediaType() throws Exception {
        String host = "sbom-" + run;
        byte[] sbom = Files.readAllBytes(Fixtures.path("scanners/cyclonedx/log4j.json"));
        mvc.perform(upload(null, "application/vnd.cyclonedx+json", sbom, host, "Debian:12"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.packages").value(1));

        assertThat(fleet.packages(host)).containsExactly(new InstalledPackage("org.apache.logging.log4j:log4j-core",
                "2.13.2", "org.apache.logging.log4j:log4j-core", "2.13.2", null, "Maven",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2"));
    }

    @Test
    void importsACycloneDxSbomInXmlAndRefusesOneWithADoctype() throws Exception {
        String host = "sbomxml-" + run;
        byte[] sbom = Files.readAllBytes(Fixtures.path("scanners/cyclonedx/log4j.xml"));
        mvc.perform(upload(null, "application/vnd.cyclonedx+xml", sbom, host, "Debian:12"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.packages").value(1));

        String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<bom><components><component><purl>pkg:npm/a@1</purl><version>&x;</version></component>"
                + "</components></bom>";
        mvc.perform(upload("cyclonedx", "application/xml", hostile.getBytes(), "xxe-" + run, "Debian:12"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("line 2"));
        assertThat(fleet.host("xxe-" + run)).isEmpty();
    }

    @Test
    void importsAnsiblePackageFacts() throws Exception {
        String host = "facts-" + run;
        mvc.perform(upload("package_facts", "application/json", FormatSamples.sample("package-facts-rhel9.json"),
                host, "Red Hat:9")).andExpect(status().isOk()).andExpect(jsonPath("$.packages").value(7));

        assertThat(fleet.packages(host)).extracting(InstalledPackage::name, InstalledPackage::version)
                .contains(tuple("openssl-libs", "1:3.0.7-27.el9"), tuple("vim-minimal", "2:8.2.2637-20.el9_1"));
    }

    /** One host's packages, name to version, written in each format. */
    private String inFormat(InventoryFormat format, String host, Map<String, String> packages) {
        return switch (format) {
            case JSON -> "{\"hosts\":[{\"name\":\"" + host + "\",\"os\":\"Debian:12\",\"environment\":\"prod\","
                    + "\"criticality\":\"low\",\"packages\":[" + join(packages, (n, v) -> "{\"name\":\"" + n
                    + "\",\"version\":\"" + v + "\"}", ",") + "]}]}";
            case CSV -> "host,os,environment,criticality,name,version\n" + join(packages, (n, v) -> host
                    + ",Debian:12,prod,low," + n + "," + v, "\n");
            case DPKG -> join(packages, (n, v) -> n + "\t" + v + "\t" + n + "\t" + v + "\tamd64", "\n");
            case RPM -> join(packages, (n, v) -> n + "\t0:" + v + "\t" + n + "-" + v + ".src.rpm\tx86_64", "\n");
            case CYCLONEDX -> "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":["
                    + join(packages, (n, v) -> "{\"type\":\"library\",\"name\":\"" + n + "\",\"purl\":\"pkg:deb/debian/"
                            + n + "@" + v + "\"}", ",") + "]}";
            case PACKAGE_FACTS -> "{\"ansible_facts\":{\"packages\":{" + join(packages, (n, v) -> "\"" + n
                    + "\":[{\"name\":\"" + n + "\",\"version\":\"" + v + "\",\"source\":\"apt\"}]", ",") + "}}}";
        };
    }

    private static String join(Map<String, String> packages, java.util.function.BiFunction<String, String, String> each,
            String separator) {
        return packages.entrySet().stream().map(e -> each.apply(e.getKey(), e.getValue()))
                .collect(Collectors.joining(separator));
    }

    @ParameterizedTest
    @EnumSource(InventoryFormat.class)
    void aSecondImportReplacesThePackageListAndRecordsHistory(InventoryFormat format) throws Exception {
        String host = format.id() + "-again-" + run;
        String contentType = format == InventoryFormat.CSV ? "text/csv" : "text/plain";
        Map<String, String> first = ordered("openssl", "3.0.11-1", "bash", "5.2.15-2", "telnet", "0.17-2");
        Map<String, String> second = ordered("openssl", "3.0.11-2", "bash", "5.2.15-2", "curl", "7.88.1-10");

        mvc.perform(upload(format.id(), contentType, inFormat(format, host, first).getBytes(), host, "Debian:12"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(3));
        mvc.perform(upload(format.id(), contentType, inFormat(format, host, second).getBytes(), host, "Debian:12"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"hosts\":1,\"packages\":3,\"added\":1,\"removed\":1,\"changed\":1}"));

        assertThat(fleet.packages(host)).extracting(InstalledPackage::name, InstalledPackage::version)
                .containsExactlyInAnyOrder(tuple("openssl", "3.0.11-2"), tuple("bash", "5.2.15-2"),
                        tuple("curl", "7.88.1-10"));
        String reason = format == InventoryFormat.JSON ? "inventory import by alice"
                : "inventory import (" + format.id() + ") by alice";
        assertThat(jdbc.queryForList("SELECT h.change_type || ' ' || h.package_name || ' ' || COALESCE(h.old_version, "
                + "'-') || ' ' || COALESCE(h.new_version, '-') FROM inv_package_history h JOIN inv_host x ON x.id = "
                + "h.host_id WHERE x.name = ? AND h.reason = ?", String.class, host, reason))
                .containsExactlyInAnyOrder("ADDED openssl - 3.0.11-1", "ADDED bash - 5.2.15-2",
                        "ADDED telnet - 0.17-2", "CHANGED openssl 3.0.11-1 3.0.11-2", "REMOVED telnet 0.17-2 -",
                        "ADDED curl - 7.88.1-10");
    }

    private static Map<String, String> ordered(String... nameVersion) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameVersion.length; i += 2) {
            map.put(nameVersion[i], nameVersion[i + 1]);
        }
        return map;
    }

    @Test
    void refusesABadLineNamingItAndWritesNothing() throws Exception {
        String host = "badline-" + run;
        mvc.perform(upload("dpkg", "text/plain", "bash\t5.2\ncurl\t7.88\nopenssl 3.0.11\n".getBytes(), host,
                "Debian:12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.field").value("line 3"));

        assertThat(fleet.host(host)).isEmpty();
    }

    @Test
    void refusesACsvWhoseSecondHostIsInvalidWithoutWritingTheFirst() throws Exception {
        String csv = "host,os,environment,criticality,name,version\n" + "ok-" + run + ",Debian:12,prod,low,bash,5.2\n"
                + "bad-" + run + ",Debian:12,prod,urgent,bash,5.2\n";
        mvc.perform(upload("csv", "text/csv", csv.getBytes(), null, null))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("line 3: criticality"));

        assertThat(fleet.host("ok-" + run)).isEmpty();
    }

    @Test
    void namesTheMissingOrInvalidHostParameter() throws Exception {
        mvc.perform(upload("rpm", "text/plain", "bash\t0:5.1.8-9.el9\n".getBytes(), null, null))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("host"));
        mvc.perform(upload("rpm", "text/plain", "bash\t0:5.1.8-9.el9\n".getBytes(), "p-" + run, "RHEL 9"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("os"));
        mvc.perform(upload("rpm", "text/plain", "bash\t0:5.1.8-9.el9\n".getBytes(), null, null)
                .param("host", "p-" + run).param("os", "Red Hat:9").param("environment", "prod")
                .param("criticality", "low").param("internetFacing", "maybe"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("internetFacing"));
    }

    @Test
    void asksForTheFormatWhenTheContentTypeDoesNotTell() throws Exception {
        mvc.perform(upload(null, "text/plain", "bash\t5.2\n".getBytes(), "p-" + run, "Debian:12"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.field").value("format"));
        mvc.perform(upload("spdx", "application/json", "{}".getBytes(), "p-" + run, "Debian:12"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("format"));
    }

    @Test
    void answersBrokenSyntaxAsAnUnreadableBody() throws Exception {
        mvc.perform(upload("cyclonedx", "application/json", "{\"bomFormat\":\"CycloneDX\",".getBytes(), "u-" + run,
                "Debian:12")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://patchflow.io/problems/unreadable-body"));
    }

    @Test
    void refusesAFormEncodedBodyWhichWouldBeTakenForParameters() throws Exception {
        mvc.perform(upload("dpkg", "application/x-www-form-urlencoded", "bash\t5.2\n".getBytes(), "f-" + run,
                "Debian:12")).andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void refusesAHostWithMorePackagesThanAllowedAs413AndWritesNothing() throws Exception {
        String host = "huge-" + run;
        String list = Stream.iterate(0, i -> i + 1).limit(50_001).map(i -> "pkg" + i + "\t1.0-" + i)
                .collect(Collectors.joining("\n"));
        mvc.perform(upload("dpkg", "text/plain", list.getBytes(), host, "Debian:12"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.field").value("line 50001"));

        assertThat(fleet.host(host)).isEmpty();
    }

    @Test
    void refusesABodyAnnouncedLargerThanAllowedBeforeReadingIt() throws Exception {
        mvc.perform(upload("dpkg", "text/plain", "bash\t5.2\n".getBytes(), "big-" + run, "Debian:12")
                .header("Content-Length", 200L * 1024 * 1024))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://patchflow.io/problems/too-large"));
    }

}
