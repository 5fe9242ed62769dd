package io.patchflow.advisory.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class ScanApiIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static RequestPostProcessor operator() {
        return user("alice").roles("patch-operators");
    }

    private static MockHttpServletRequestBuilder upload(String query, MediaType type, byte[] body) {
        return post("/api/v1/scans?" + query).with(operator()).contentType(type).content(body);
    }

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Fixtures.path("scanners/" + name));
    }

    private long scans() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM scan_report", Long.class);
    }

    private long findingRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM scan_finding", Long.class);
    }

    @Test
    void importsATrivyReportOnTheNamedHostAndReadsItBack() throws Exception {
        String host = "web-" + run;
        String answer = mvc.perform(upload("format=trivy&host=" + host, MediaType.APPLICATION_JSON,
                        fixture("trivy/legacy_many_vulns.json")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value("trivy"))
                .andExpect(jsonPath("$.hosts").value(1))
                .andExpect(jsonPath("$.findings").value(93))
                .andExpect(jsonPath("$.suppressed").value(0))
                .andReturn().getResponse().getContentAsString();
        long id = json.readTree(answer).get("id").asLong();

        mvc.perform(get("/api/v1/scans/" + id).with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.findings").value(93))
                .andExpect(jsonPath("$.scanner").value("Trivy"))
                .andExpect(jsonPath("$.importedBy").value("alice"))
                .andExpect(jsonPath("$.hostNames[0]").value(host));
        mvc.perform(get("/api/v1/scans/" + id + "/findings?page=0&size=10").with(user("bob").roles("patch-testers")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "93"))
                .andExpect(jsonPath("$.length()").value(10))
                .andExpect(jsonPath("$[0].host").value(host))
                .andExpect(jsonPath("$[0].target").value("debian (debian 10.8)"))
                .andExpect(jsonPath("$[0].package").value("apt"))
                .andExpect(jsonPath("$[0].installedVersion").value("1.8.2.2"))
                .andExpect(jsonPath("$[0].vulnerability").value("CVE-2011-3374"))
                .andExpect(jsonPath("$[0].severity").value("LOW"))
                .andExpect(jsonPath("$[0].cvssScore").value(3.7))
                .andExpect(jsonPath("$[0].scanner").value("Trivy"));
        mvc.perform(get("/api/v1/scans/" + id + "/findings?page=9&size=10").with(operator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(3));
    }

    @Test
    void theListOfImportedScansIsNewestFirstWithTheTotal() throws Exception {
        long first = json.readTree(mvc.perform(upload("format=trivy&host=list1-" + run, MediaType.APPLICATION_JSON,
                fixture("trivy/scheme_2_many_vulns.json"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).get("id").asLong();
        long second = json.readTree(mvc.perform(upload("format=grype", MediaType.APPLICATION_JSON,
                fixture("grype/many_vulns4.json"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).get("id").asLong();

        mvc.perform(get("/api/v1/scans?page=0&size=2").with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", String.valueOf(scans())))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value(second))
                .andExpect(jsonPath("$[0].format").value("grype"))
                .andExpect(jsonPath("$[1].id").value(first))
                .andExpect(jsonPath("$[1].findings").value(5));
        mvc.perform(get("/api/v1/scans?size=0").with(operator()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
    }

    @Test
    void vexNotAffectedIsStoredAsSuppressedAndNotCountedAsAFinding() throws Exception {
        String answer = mvc.perform(upload("format=cyclonedx", MediaType.parseMediaType("application/vnd.cyclonedx+json"),
                        fixture("cyclonedx/valid-vulnerability-1.4.json")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.findings").value(0))
                .andExpect(jsonPath("$.suppressed").value(1))
                .andReturn().getResponse().getContentAsString();
        long id = json.readTree(answer).get("id").asLong();

        mvc.perform(get("/api/v1/scans/" + id + "/findings").with(operator()))
                .andExpect(status().isOk()).andExpect(header().string("X-Total-Count", "0"));
        mvc.perform(get("/api/v1/scans/" + id + "/findings?suppressed=true").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].vulnerability").value("SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111"))
                .andExpect(jsonPath("$[0].aliases[0]").value("CVE-2018-7489"))
                .andExpect(jsonPath("$[0].suppressed").value(true))
                .andExpect(jsonPath("$[0].suppression").value(org.hamcrest.Matchers.startsWith(
                        "VEX not_affected (code_not_reachable)")));
    }

    @Test
    void importsNessusAndCycloneDxXmlWithTheirCves() throws Exception {
        String nessus = mvc.perform(upload("format=nessus", MediaType.APPLICATION_XML,
                        fixture("nessus/nessus_with_cvssv3.nessus")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.findings").value(26))
                .andExpect(jsonPath("$.informational").value(23))
                .andReturn().getResponse().getContentAsString();
        long nessusId = json.readTree(nessus).get("id").asLong();
        assertThat(jdbc.queryForList("SELECT a.alias FROM scan_finding_alias a JOIN scan_finding f ON "
                + "f.scan_id = a.scan_id AND f.finding_index = a.finding_index WHERE f.scan_id = ? AND "
                + "f.vulnerability_id = '58988'", String.class, nessusId)).containsExactly("CVE-2012-1823");

        mvc.perform(upload("format=cyclonedx", MediaType.TEXT_XML, fixture("cyclonedx/log4j.xml")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.findings").value(8))
                .andExpect(jsonPath("$.scanner").value("grype 0.41.0"));
    }

    @Test
    void aMalformedReportIsRefusedNamingThePlaceAndNothingIsStored() throws Exception {
        long before = scans();
        long rowsBefore = findingRows();
        String report = "{\"SchemaVersion\":2,\"ArtifactName\":\"img-" + run + "\",\"Results\":[{\"Target\":\"t\","
                + "\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-2024-1\",\"PkgName\":\"a\"},{\"PkgName\":\"b\"}]}]}";

        mvc.perform(upload("format=trivy", MediaType.APPLICATION_JSON, report.getBytes()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("/Results/0/Vulnerabilities/1/VulnerabilityID"));
        mvc.perform(upload("format=trivy", MediaType.APPLICATION_JSON, "{\"SchemaVersion\":2,\n\"Results\":[".getBytes()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not valid JSON")));
        String tooLong = "{\"SchemaVersion\":2,\"ArtifactName\":\"x\",\"Results\":[{\"Target\":\"t\",\"Vulnerabilities\":"
                + "[{\"VulnerabilityID\":\"" + "C".repeat(300) + "\",\"PkgName\":\"a\"}]}]}";
        mvc.perform(upload("format=trivy", MediaType.APPLICATION_JSON, tooLong.getBytes()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("vulnerability"));

        assertThat(scans()).isEqualTo(before);
        assertThat(findingRows()).isEqualTo(rowsBefore);
    }

    @Test
    void hostileXmlIsRefusedAndNothingIsStored() throws Exception {
        long before = scans();
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <NessusClientData_v2><Report><ReportHost name="&lol3;"/></Report></NessusClientData_v2>""";
        String externalEntity = """
                <?xml version="1.0"?>
                <!DOCTYPE report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <report><report><results><result><host>&xxe;</host><nvt oid="1"/></result></results></report></report>""";

        mvc.perform(upload("format=nessus", MediaType.APPLICATION_XML, billionLaughs.getBytes()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("DOCTYPE")));
        mvc.perform(upload("format=openvas", MediaType.APPLICATION_XML, externalEntity.getBytes()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("line 2"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("root:"))));

        assertThat(scans()).isEqualTo(before);
    }

    @Test
    void anUnknownOrMissingFormatIsRefusedListingTheValidOnes() throws Exception {
        mvc.perform(upload("format=qualys", MediaType.APPLICATION_JSON, "{}".getBytes()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "trivy, grype, osv-scanner, openvas, nessus, cyclonedx, sarif")));
        mvc.perform(post("/api/v1/scans").with(operator()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("format"));
    }

    @Test
    void aTesterMayReadScansButNotImportThem() throws Exception {
        long before = scans();
        mvc.perform(post("/api/v1/scans?format=grype").with(user("bob").roles("patch-testers"))
                        .contentType(MediaType.APPLICATION_JSON).content(fixture("grype/many_vulns4.json")))
                .andExpect(status().isForbidden());
        assertThat(scans()).isEqualTo(before);
        mvc.perform(get("/api/v1/scans/999999999").with(user("bob").roles("patch-testers")))
                .andExpect(status().isNotFound());
    }

    /**
     * Through the real server, as {@code curl --data-binary @report.json} sends it without a content type (as a
     * form): Tomcat would consume such a body if anyone asked it for a request parameter.
     */
    @Test
    void aReportSentAsCurlsDefaultFormContentTypeIsStillRead() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/scans?format=trivy&host=form-" + run))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(fixture("trivy/scheme_2_many_vulns.json"))).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("findings").asInt()).isEqualTo(5);
    }

    @Test
    void everyFixtureImportsThroughTheApi() throws Exception {
        String[][] reports = {{"grype", "grype/fix_not_available.json", "1"}, {"osv-scanner",
            "osv-scanner/some_findings.json", "1"}, {"openvas", "openvas/many_vuln.xml", "40"},
            {"sarif", "sarif/dependency_check.sarif", "13"}, {"cyclonedx", "cyclonedx/log4j.json", "8"}};
        for (String[] report : reports) {
            String answer = mvc.perform(upload("format=" + report[0], MediaType.APPLICATION_OCTET_STREAM,
                            fixture(report[1])))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            JsonNode summary = json.readTree(answer);
            assertThat(summary.get("findings").asInt()).as(report[1]).isEqualTo(Integer.parseInt(report[2]));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scan_finding WHERE scan_id = ?", Long.class,
                    summary.get("id").asLong())).as(report[1]).isEqualTo(Long.parseLong(report[2]));
        }
    }
}
