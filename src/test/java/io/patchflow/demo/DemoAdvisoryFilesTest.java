package io.patchflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.EpssScore;
import io.patchflow.advisory.KevEntry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** The sample advisories and risk feeds are well-formed and consistent with each other and with the real KEV. */
class DemoAdvisoryFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REAL_KEV = Path.of("../shared/fixtures/kev/known_exploited_vulnerabilities.json");
    private static final String CVSS_V3 = "CVSS:3\\.[01](/[A-Z]{1,3}:[A-Z])+";

    @Test
    void everyAdvisoryIsAnOsvRecordWithEcosystemRangesAndCvss() throws IOException {
        List<Resource> files = DemoResources.advisoryFiles();
        assertThat(files).hasSizeBetween(8, 15);
        for (Resource file : files) {
            JsonNode osv = read(file);
            String id = osv.path("id").asText();
            assertThat(id).as(file.getFilename()).matches("(DSA-\\d+-\\d+|USN-\\d+-\\d+|RHSA-\\d{4}:\\d+)");
            assertThat(file.getFilename()).isEqualTo(id.replace(':', '-') + ".json");
            OffsetDateTime.parse(osv.path("modified").asText());
            OffsetDateTime.parse(osv.path("published").asText());
            assertThat(osv.path("aliases")).as(id).isNotEmpty()
                    .allSatisfy(alias -> assertThat(alias.asText()).matches("CVE-\\d{4}-\\d{4,}"));
            assertThat(osv.path("severity")).as(id).singleElement().satisfies(severity -> {
                assertThat(severity.path("type").asText()).isEqualTo("CVSS_V3");
                assertThat(severity.path("score").asText()).matches(CVSS_V3);
            });
            assertThat(osv.path("affected")).as(id).isNotEmpty().allSatisfy(affected -> {
                assertThat(affected.path("package").path("ecosystem").asText())
                        .matches("(Debian:12|Ubuntu:22\\.04:LTS|Red Hat:enterprise_linux:9::baseos)");
                assertThat(affected.path("package").path("name").asText()).isNotBlank();
                assertThat(affected.path("ranges")).singleElement().satisfies(range -> {
                    assertThat(range.path("type").asText()).isEqualTo("ECOSYSTEM");
                    assertThat(range.path("events").get(0).path("introduced").asText()).isEqualTo("0");
                    assertThat(range.path("events").get(1).path("fixed").asText()).isNotBlank();
                });
            });
        }
    }

    @Test
    void kevSampleHoldsExactlyTheRealCatalogEntriesOfTheDemoCves() throws IOException {
        JsonNode sample;
        try (InputStream in = new ClassPathResource(DemoResources.KEV_SAMPLE).getInputStream()) {
            sample = JSON.readTree(in);
        }
        Set<String> sampleCves = new TreeSet<>();
        sample.path("vulnerabilities").forEach(entry -> sampleCves.add(entry.path("cveID").asText()));
        assertThat(sampleCves).containsExactly("CVE-2023-4863", "CVE-2023-4911");
        assertThat(sample.path("count").asInt()).isEqualTo(sampleCves.size());
        assertThat(demoCves()).containsAll(sampleCves);

        assumeTrue(Files.exists(REAL_KEV), "the real KEV catalog is in ../shared/fixtures");
        JsonNode catalog = JSON.readTree(REAL_KEV.toFile());
        Map<String, JsonNode> real = new HashMap<>();
        catalog.path("vulnerabilities").forEach(entry -> real.put(entry.path("cveID").asText(), entry));
        sample.path("vulnerabilities").forEach(entry ->
                assertThat(entry).isEqualTo(real.get(entry.path("cveID").asText())));
        Set<String> demoCvesInKev = new TreeSet<>(demoCves());
        demoCvesInKev.retainAll(real.keySet());
        assertThat(demoCvesInKev).isEqualTo(sampleCves);
        assertThat(sample.path("catalogVersion")).isEqualTo(catalog.path("catalogVersion"));
    }

    @Test
    void kevSampleReadsIntoEntries() throws IOException {
        try (InputStream in = new ClassPathResource(DemoResources.KEV_SAMPLE).getInputStream()) {
            KevSample kev = KevSample.read(in, JSON);
            assertThat(kev.catalogVersion()).isEqualTo("2025.08.25");
            assertThat(kev.entries()).extracting(KevEntry::cveId, KevEntry::dateAdded).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("CVE-2023-4911", LocalDate.of(2023, 11, 21)),
                    org.assertj.core.groups.Tuple.tuple("CVE-2023-4863", LocalDate.of(2023, 9, 13)));
        }
    }

    @Test
    void epssSampleScoresEveryDemoCve() throws IOException {
        try (InputStream in = new ClassPathResource(DemoResources.EPSS_SAMPLE).getInputStream()) {
            List<EpssScore> scores = EpssSample.read(in);
            assertThat(scores).extracting(EpssScore::cveId).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(demoCves());
            assertThat(scores).allSatisfy(score -> {
                assertThat(score.probability()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                assertThat(score.percentile()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                assertThat(score.date()).isEqualTo(LocalDate.of(2025, 8, 25));
            });
        }
    }

    private static Set<String> demoCves() throws IOException {
        Set<String> cves = new TreeSet<>();
        for (Resource file : DemoResources.advisoryFiles()) {
            read(file).path("aliases").forEach(alias -> cves.add(alias.asText()));
        }
        return cves;
    }

    private static JsonNode read(Resource file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return JSON.readTree(in);
        }
    }
}
