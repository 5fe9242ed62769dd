package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;
import org.junit.jupiter.api.Test;

class OpenVasParserTest {

    @Test
    void aResultIsAFindingOfTheNvtOnTheHostWithItsCvesAndVersions() {
        ReportCollector report = Reports.fixture(ScanFormat.OPENVAS, "openvas/one_vuln.xml");

        assertThat(report.findings()).hasSize(1);
        assertThat(report.hosts()).containsExactly("10.0.101.2");
        ScannedFinding firefox = Reports.find(report, "1.3.6.1.4.1.25623.1.0.832260");
        assertThat(firefox.host()).isEqualTo("10.0.101.2");
        assertThat(firefox.target()).isEqualTo("general/tcp");
        assertThat(firefox.packageName()).isEqualTo("Mozilla Firefox Security Update (mfsa_2023-32_2023-36) - Windows");
        assertThat(firefox.installedVersion()).isEqualTo("116.0.3");
        assertThat(firefox.fixedVersion()).isEqualTo("117");
        // 12 <ref type="cve"> in the NVT, CVE-2023-4573 to CVE-2023-4585 without 4582.
        assertThat(firefox.aliases()).hasSize(12).contains("CVE-2023-4573", "CVE-2023-4585")
                .doesNotContain("CVE-2023-4582");
        assertThat(firefox.cvssScore()).isEqualByComparingTo("10.0");
        assertThat(firefox.severity()).isEqualTo("HIGH");
        assertThat(firefox.status()).isEqualTo("VendorFix");
    }

    @Test
    void theSameNvtOnSeveralPortsOfAHostIsOneFinding() {
        // many_vuln.xml: 44 results on one host, 40 distinct (host, NVT, installed version): NVTs ...809883
        // (6667, 6697), ...108718 (21, 2121), ...103185 (21, 6200) and ...108528 (21, 2121) fire on two ports each.
        ReportCollector report = Reports.fixture(ScanFormat.OPENVAS, "openvas/many_vuln.xml");

        assertThat(report.findings()).hasSize(40);
        assertThat(report.duplicates()).isEqualTo(4);
        assertThat(report.hosts()).containsExactly("192.168.1.1001");
        assertThat(Reports.find(report, "1.3.6.1.4.1.25623.1.0.141636").fixedVersion()).isEqualTo("1.9.0");
    }

    @Test
    void aReportWithoutResultsHasNeitherHostsNorFindings() {
        ReportCollector report = Reports.fixture(ScanFormat.OPENVAS, "openvas/no_vuln.xml");

        assertThat(report.findings()).isEmpty();
        assertThat(report.hosts()).isEmpty();
    }

    @Test
    void logResultsAreInformationalAndTheDetectedProductIsThePackage() {
        ReportCollector report = Reports.text(ScanFormat.OPENVAS, """
                <report><report><results>
                <result><host>10.1.1.1</host><port>443/tcp</port><nvt oid="1.2.3"><name>SSL info</name></nvt>
                  <threat>Log</threat><severity>0.0</severity></result>
                <result><host>10.1.1.1</host><port>80/tcp</port>
                  <nvt oid="1.2.4"><name>Apache HTTP Server &lt; 2.4.58 Multiple Vulnerabilities</name>
                    <refs><ref type="cve" id="CVE-2023-45802"/></refs></nvt>
                  <threat>Medium</threat><severity>5.9</severity>
                  <description>Installed version: 2.4.57
                Fixed version:     2.4.58</description>
                  <detection><result id="x"><details><detail><name>product</name>
                    <value>cpe:/a:apache:http_server:2.4.57</value></detail></details></result></detection>
                </result></results></report></report>""");

        assertThat(report.informational()).isEqualTo(1);
        ScannedFinding apache = Reports.find(report, "1.2.4");
        assertThat(apache.packageName()).isEqualTo("http_server");
        assertThat(apache.title()).isEqualTo("Apache HTTP Server < 2.4.58 Multiple Vulnerabilities");
        assertThat(apache.installedVersion()).isEqualTo("2.4.57");
        assertThat(apache.fixedVersion()).isEqualTo("2.4.58");
        assertThat(apache.aliases()).containsExactly("CVE-2023-45802");
    }

    @Test
    void anotherXmlDocumentIsNotTakenForAnOpenVasReport() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.OPENVAS, "<NessusClientData_v2/>"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("line 1");
                    assertThat(e.getMessage()).contains("Not an OpenVAS/GVM report");
                });
    }
}
