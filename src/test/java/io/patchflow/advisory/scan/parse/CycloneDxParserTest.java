package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CycloneDxParserTest {

    /**
     * log4j.json and log4j.xml are the same Grype 0.41.0 output: one component (log4j-core 2.13.2), 8
     * vulnerabilities (4 CVEs, 4 GHSAs) each affecting it, all in_triage.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cyclonedx/log4j.json", "cyclonedx/log4j.xml"})
    void jsonAndXmlGiveTheSameFindingsPerAffectedComponent(String fixture) {
        ReportCollector report = Reports.fixture(ScanFormat.CYCLONEDX, fixture);

        assertThat(report.findings()).hasSize(8);
        assertThat(report.suppressed()).isZero();
        assertThat(report.scanner()).isEqualTo("grype 0.41.0");
        assertThat(report.hosts()).containsExactly(
                "./configuration/.m2/repository/org/apache/logging/log4j/log4j-core/2.13.2");
        ScannedFinding log4shell = Reports.find(report, "CVE-2021-44228");
        assertThat(log4shell.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(log4shell.installedVersion()).isEqualTo("2.13.2");
        assertThat(log4shell.ecosystem()).isEqualTo("maven");
        assertThat(log4shell.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2");
        assertThat(log4shell.severity()).isEqualTo("CRITICAL");
        assertThat(log4shell.cvssScore()).isEqualByComparingTo("10.0"); // the CVSSv31 rating, not CVSSv2
        assertThat(log4shell.status()).isEqualTo("in_triage");
        assertThat(Reports.find(report, "GHSA-jfh8-c2jp-5v3q").fixedVersion()).isEqualTo("2.15.0");
        assertThat(Reports.find(report, "CVE-2021-44832").cvssScore()).isEqualByComparingTo("6.6");
    }

    @Test
    void vexNotAffectedSuppressesTheFindingWithItsJustification() {
        // valid-vulnerability-1.4.json: one vulnerability (Snyk id, NVD reference CVE-2018-7489) on
        // jackson-databind 2.9.4 with analysis.state not_affected, justification code_not_reachable.
        ReportCollector report = Reports.fixture(ScanFormat.CYCLONEDX, "cyclonedx/valid-vulnerability-1.4.json");

        assertThat(report.findings()).hasSize(1);
        assertThat(report.suppressed()).isEqualTo(1);
        ScannedFinding jackson = Reports.find(report, "SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111");
        assertThat(jackson.suppressed()).isTrue();
        assertThat(jackson.suppression()).startsWith("VEX not_affected (code_not_reachable)");
        assertThat(jackson.aliases()).containsExactly("CVE-2018-7489");
        assertThat(jackson.packageName()).isEqualTo("com.fasterxml.jackson.core:jackson-databind");
        assertThat(jackson.cvssScore()).isEqualByComparingTo("9.8");
        // No metadata.component: the BOM's serial number names what was scanned.
        assertThat(jackson.host()).isEqualTo("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
    }

    @Test
    void aVexDocumentMayNameComponentsByPurlOnly() {
        ReportCollector report = Reports.text(ScanFormat.CYCLONEDX, """
                <?xml version="1.0"?>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
                  <metadata><component type="application"><name>billing</name><version>3.1</version></component>
                    <tools><components><component><name>vexctl</name></component></components></tools></metadata>
                  <vulnerabilities><vulnerability bom-ref="v1"><id>CVE-2022-1471</id>
                    <analysis><state>not_affected</state><justification>code_not_reachable</justification></analysis>
                    <affects><target><ref>pkg:maven/org.yaml/snakeyaml@1.33?type=jar</ref></target></affects>
                  </vulnerability></vulnerabilities>
                </bom>""");

        ScannedFinding snakeyaml = Reports.find(report, "CVE-2022-1471");
        assertThat(snakeyaml.host()).isEqualTo("billing@3.1");
        assertThat(snakeyaml.packageName()).isEqualTo("org.yaml:snakeyaml");
        assertThat(snakeyaml.installedVersion()).isEqualTo("1.33");
        assertThat(snakeyaml.suppressed()).isTrue();
        assertThat(report.scanner()).isEqualTo("vexctl");
    }

    @Test
    void aJsonDocumentThatIsNoCycloneDxBomIsRefused() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.CYCLONEDX, "{\"bomFormat\":\"SPDX\"}"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("/bomFormat"));
    }
}
