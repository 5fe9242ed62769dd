package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;

import org.junit.jupiter.api.Test;

class SarifParserTest {

    private static final String JQUERY = "file:////src/.venv/lib/python3.9/site-packages/tastypie_swagger/static/"
            + "tastypie_swagger/js/lib/jquery-1.8.0.min.js";

    @Test
    void dependencyCheckResultsBecomeFindingsOfThePackageInTheirArtifact() {
        // dependency_check.sarif: one run of dependency-check 6.1.2, 13 results on 3 files: handlebars-1.0.0.js
        // (4 RetireJS rules), jquery-1.8.0.min.js (5 CVEs) and coverage's jquery.min.js (4 CVEs); each artifact
        // names its package by purl in properties.id1.
        ReportCollector report = Reports.fixture(ScanFormat.SARIF, "sarif/dependency_check.sarif");

        assertThat(report.findings()).hasSize(13);
        assertThat(report.hosts()).hasSize(3).contains(JQUERY);
        assertThat(report.scanner()).isEqualTo("dependency-check 6.1.2");
        ScannedFinding cve = report.findings().stream()
                .filter(f -> f.vulnerabilityId().equals("CVE-2015-9251") && f.host().equals(JQUERY))
                .findFirst().orElseThrow();
        assertThat(cve.packageName()).isEqualTo("jquery");
        assertThat(cve.installedVersion()).isEqualTo("1.8.0.min");
        assertThat(cve.purl()).isEqualTo("pkg:javascript/jquery@1.8.0.min");
        assertThat(cve.cvssScore()).isEqualByComparingTo("6.1");
        assertThat(cve.severity()).isEqualTo("MEDIUM");
        assertThat(cve.status()).isEqualTo("error");
        assertThat(report.findings().stream().filter(f -> "handlebars".equals(f.packageName())).count())
                .isEqualTo(4);
        assertThat(Reports.find(report, "Prototype pollution").severity()).isEqualTo("MEDIUM");
        assertThat(report.findings().stream().filter(f -> "1.11.1".equals(f.installedVersion())).count())
                .isEqualTo(4);
    }

    @Test
    void trivyStyleMessagesNameThePackageAndVersions() {
        ReportCollector report = Reports.text(ScanFormat.SARIF, """
                {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Trivy","version":"0.50.0","rules":[
                  {"id":"CVE-2023-5678","shortDescription":{"text":"openssl: DoS"},
                   "properties":{"security-severity":"5.3"}}]}},
                 "results":[{"ruleId":"CVE-2023-5678","ruleIndex":0,"level":"warning",
                   "message":{"text":"Package: libssl3\\nInstalled Version: 3.0.11-1~deb12u1\\nVulnerability CVE-2023-5678\\nSeverity: MEDIUM\\nFixed Version: 3.0.11-1~deb12u2\\nLink: x"},
                   "locations":[{"physicalLocation":{"artifactLocation":{"uri":"library/debian"}}}]}]}]}""");

        ScannedFinding openssl = Reports.find(report, "CVE-2023-5678");
        assertThat(openssl.packageName()).isEqualTo("libssl3");
        assertThat(openssl.installedVersion()).isEqualTo("3.0.11-1~deb12u1");
        assertThat(openssl.fixedVersion()).isEqualTo("3.0.11-1~deb12u2");
        assertThat(openssl.cvssScore()).isEqualByComparingTo("5.3");
        assertThat(openssl.severity()).isEqualTo("MEDIUM");
        assertThat(openssl.title()).isEqualTo("openssl: DoS");
        assertThat(openssl.host()).isEqualTo("library/debian");
    }

    @Test
    void aResultMayNameItsRuleByIndexOnly() {
        ReportCollector report = Reports.text(ScanFormat.SARIF, """
                {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"grype","rules":[
                  {"id":"CVE-2021-23337-lodash","shortDescription":{"text":"CVE-2021-23337 high vulnerability for lodash package"}}]}},
                 "results":[{"ruleIndex":0,"level":"error",
                   "message":{"text":"A high vulnerability in npm package: lodash, version 4.17.20 was found at: /package-lock.json"},
                   "locations":[{"physicalLocation":{"artifactLocation":{"uri":"/package-lock.json"}}}]}]}]}""");

        ScannedFinding lodash = Reports.find(report, "CVE-2021-23337-lodash");
        assertThat(lodash.aliases()).containsExactly("CVE-2021-23337");
        assertThat(lodash.packageName()).isEqualTo("lodash");
        assertThat(lodash.installedVersion()).isEqualTo("4.17.20");
    }

    @Test
    void aResultWithoutAnyRuleIsRefusedNamingItsPointer() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.SARIF, """
                {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"}}]}]}"""))
                .isInstanceOfSatisfying(BadInputException.class,
                        e -> assertThat(e.field()).isEqualTo("/runs/0/results/0/ruleId"));
    }
}
