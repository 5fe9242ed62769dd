package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TrivyParserTest {

    @Test
    void legacyArrayFormYieldsTheNinetyThreeFindingsDefectDojoCounts() {
        ReportCollector report = Reports.fixture(ScanFormat.TRIVY, "trivy/legacy_many_vulns.json");

        assertThat(report.findings()).hasSize(93);
        // Legacy reports have no ArtifactName: the result's Target is the host.
        assertThat(report.hosts()).containsExactly("debian (debian 10.8)");
        ScannedFinding apt = Reports.find(report, "CVE-2011-3374");
        assertThat(apt.packageName()).isEqualTo("apt");
        assertThat(apt.installedVersion()).isEqualTo("1.8.2.2");
        assertThat(apt.ecosystem()).isEqualTo("debian");
        assertThat(apt.severity()).isEqualTo("LOW");
        assertThat(apt.cvssScore()).isEqualByComparingTo("3.7");
        // Older Trivy wrote no Title: the description's first line stands in.
        assertThat(apt.title()).startsWith("It was found that apt-key in apt");
    }

    @Test
    void schemaTwoYieldsTheFiveFindingsDefectDojoCountsOnTheImage() {
        ReportCollector report = Reports.fixture(ScanFormat.TRIVY, "trivy/scheme_2_many_vulns.json");

        assertThat(report.findings()).hasSize(5);
        assertThat(report.hosts()).containsExactly("teamdojo:latest");
        ScannedFinding compress = Reports.find(report, "CVE-2018-1324");
        assertThat(compress.host()).isEqualTo("teamdojo:latest");
        assertThat(compress.target()).isEqualTo("app/libs/commons-compress-1.14.jar");
        assertThat(compress.packageName()).isEqualTo("org.apache.commons:commons-compress");
        assertThat(compress.fixedVersion()).isEqualTo("1.16");
        ScannedFinding freetype = Reports.find(report, "CVE-2020-15999");
        assertThat(freetype.ecosystem()).isEqualTo("alpine");
        // SeveritySource is nvd: NVD's 6.5, not Red Hat's 8.6.
        assertThat(freetype.cvssScore()).isEqualByComparingTo(new BigDecimal("6.5"));
        assertThat(freetype.fixedVersion()).isEqualTo("2.9.1-r3");
    }

    @Test
    void statusNotAffectedIsSuppressedAndOtherStatusesAreKept() {
        // all_statuses.json: 8 vulnerabilities, one per Trivy status; bash CVE-2019-18276 is not_affected.
        ReportCollector report = Reports.fixture(ScanFormat.TRIVY, "trivy/all_statuses.json");

        assertThat(report.findings()).hasSize(8);
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(Reports.find(report, "CVE-2019-18276").suppressed()).isTrue();
        assertThat(Reports.find(report, "CVE-2018-12698").status()).isEqualTo("will_not_fix");
        assertThat(Reports.open(report)).hasSize(7);
    }

    @Test
    void aCleanImageIsAHostWithoutFindings() {
        ReportCollector report = Reports.fixture(ScanFormat.TRIVY, "trivy/scheme_2_no_vuln.json");

        assertThat(report.findings()).isEmpty();
        assertThat(report.hosts()).containsExactly("trivy-unittest:latest");
    }

    @Test
    void theSameVulnerabilityOfTheSamePackageIsOneFinding() {
        String vuln = "{\"VulnerabilityID\":\"CVE-2024-1\",\"PkgName\":\"openssl\",\"InstalledVersion\":\"3.0.1\"}";
        ReportCollector report = Reports.text(ScanFormat.TRIVY, "{\"SchemaVersion\":2,\"ArtifactName\":\"web-01\","
                + "\"Results\":[{\"Target\":\"a\",\"Vulnerabilities\":[" + vuln + "," + vuln + "]},"
                + "{\"Target\":\"b\",\"Vulnerabilities\":[" + vuln + "]}]}");

        assertThat(report.findings()).hasSize(1);
        assertThat(report.duplicates()).isEqualTo(2);
    }

    @Test
    void aVulnerabilityWithoutIdIsRefusedNamingItsJsonPointer() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.TRIVY, "{\"SchemaVersion\":2,\"ArtifactName\":\"x\","
                + "\"Results\":[{\"Target\":\"t\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\","
                + "\"PkgName\":\"a\"},{\"PkgName\":\"b\"}]}]}"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field())
                        .isEqualTo("/Results/0/Vulnerabilities/1/VulnerabilityID"));
    }

    @Test
    void truncatedJsonIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.TRIVY, "{\"SchemaVersion\":2,\n\"Results\":[{\"Target\":"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).startsWith("line 2");
                    assertThat(e.getMessage()).contains("not valid JSON");
                });
    }

    @Test
    void anObjectThatIsNoTrivyReportIsRefused() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.TRIVY, "{\"matches\":[]}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Not a Trivy report");
    }
}
