package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NessusParserTest {

    @Test
    void pluginsOfSeverityZeroAreInformationalNotFindings() {
        // nessus_many_vuln.xml: one host, 7 ReportItems, all severity 0 (scan information, SYN scanner...).
        ReportCollector report = Reports.fixture(ScanFormat.NESSUS, "nessus/nessus_many_vuln.xml");

        assertThat(report.findings()).isEmpty();
        assertThat(report.informational()).isEqualTo(7);
        assertThat(report.hosts()).containsExactly("preprod.boardvantage.net");
    }

    @Test
    void aPluginIsAFindingOfItsProductWithTheVersionsFromThePluginOutput() {
        // nessus_with_cvssv3.nessus: one host, 49 ReportItems: 23 of severity 0, 26 of severity 1 to 4. Plugin
        // 58987 fires twice with different installed versions, so all 26 stay distinct.
        ReportCollector report = Reports.fixture(ScanFormat.NESSUS, "nessus/nessus_with_cvssv3.nessus");

        assertThat(report.findings()).hasSize(26);
        assertThat(report.informational()).isEqualTo(23);
        assertThat(report.hosts()).containsExactly("testphp.vulnweb.com");
        assertThat(report.findings().stream().filter(f -> f.vulnerabilityId().equals("58987"))
                .map(ScannedFinding::installedVersion))
                .containsExactlyInAnyOrder("5.1.6", "5.6.40-38+ubuntu20.04.1+deb.sury.org+1");
        ScannedFinding cgi = Reports.find(report, "58988");
        assertThat(cgi.packageName()).isEqualTo("php");
        assertThat(cgi.installedVersion()).isEqualTo("5.1.6");
        assertThat(cgi.fixedVersion()).isEqualTo("5.3.12 / 5.4.2");
        assertThat(cgi.aliases()).containsExactly("CVE-2012-1823");
        assertThat(cgi.target()).isEqualTo("80/tcp (www)");
        assertThat(cgi.severity()).isEqualTo("HIGH");
        assertThat(cgi.cvssScore()).isEqualByComparingTo("7.5");
        assertThat(cgi.title()).isEqualTo("PHP < 5.3.12 / 5.4.2 CGI Query String Code Execution");
        ScannedFinding unsupported = report.findings().stream().filter(f -> f.vulnerabilityId().equals("58987"))
                .findFirst().orElseThrow();
        assertThat(unsupported.severity()).isEqualTo("CRITICAL");
        assertThat(unsupported.cvssScore()).isEqualByComparingTo("10.0");
        // A plugin that names no CPE is its own package.
        assertThat(Reports.find(report, "40984").packageName()).isEqualTo("Browsable Web Directories");
    }
}
