package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsvScannerParserTest {

    @Test
    void oneFindingPerGroupNamedByItsFirstIdWithTheGroupsAliases() {
        // some_findings.json: one lockfile, one package (flot-axis 0.0.0, npm), one vulnerability MAL-2023-1035
        // grouped with its alias GHSA-8348-2q94-ffjx; the range only has "introduced": no fixed version.
        ReportCollector report = Reports.fixture(ScanFormat.OSV_SCANNER, "osv-scanner/some_findings.json");

        assertThat(report.findings()).hasSize(1);
        assertThat(report.hosts()).containsExactly("/tmp/components/yarn.lock");
        ScannedFinding finding = Reports.find(report, "MAL-2023-1035");
        assertThat(finding.aliases()).containsExactly("GHSA-8348-2q94-ffjx");
        assertThat(finding.packageName()).isEqualTo("flot-axis");
        assertThat(finding.installedVersion()).isEqualTo("0.0.0");
        assertThat(finding.ecosystem()).isEqualTo("npm");
        assertThat(finding.fixedVersion()).isNull();
        assertThat(finding.title()).isEqualTo("Malicious code in flot-axis (npm)");
    }

    @Test
    void aliasesReportedAsSeparateVulnerabilitiesAreOneFindingAndTheLowestFixAboveTheInstalledVersionWins() {
        ReportCollector report = Reports.text(ScanFormat.OSV_SCANNER, """
                {"results":[{"source":{"path":"/srv/app/package-lock.json","type":"lockfile"},
                  "packages":[{"package":{"name":"lodash","version":"4.17.4","ecosystem":"npm"},
                    "vulnerabilities":[
                      {"id":"GHSA-jf85-cpcp-j695","aliases":["CVE-2019-10744"],"summary":"Prototype pollution",
                       "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H"}],
                       "affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER",
                         "events":[{"introduced":"0"},{"fixed":"4.17.12"},{"introduced":"5.0.0"},{"fixed":"5.0.1"}]},
                         {"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.2"}]}]}]},
                      {"id":"CVE-2019-10744","aliases":["GHSA-jf85-cpcp-j695"]}],
                    "groups":[{"ids":["GHSA-jf85-cpcp-j695","CVE-2019-10744"]}]}]}]}""");

        assertThat(report.findings()).hasSize(1);
        ScannedFinding finding = Reports.find(report, "GHSA-jf85-cpcp-j695");
        assertThat(finding.aliases()).containsExactly("CVE-2019-10744");
        assertThat(finding.fixedVersion()).isEqualTo("4.17.12");
        assertThat(finding.cvssScore()).isEqualByComparingTo("9.1");
        assertThat(finding.severity()).isEqualTo("CRITICAL");
    }
}
