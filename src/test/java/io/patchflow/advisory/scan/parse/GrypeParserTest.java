package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrypeParserTest {

    @Test
    void directoryScanYieldsOneFindingPerMatchOnTheDirectory() {
        // many_vulns4.json: 9 matches, 9 distinct (package, version, id); source.target is "\".\"".
        ReportCollector report = Reports.fixture(ScanFormat.GRYPE, "grype/many_vulns4.json");

        assertThat(report.findings()).hasSize(9);
        assertThat(report.hosts()).containsExactly(".");
        ScannedFinding staticEval = Reports.find(report, "GHSA-8v27-2fg9-7h62");
        assertThat(staticEval.aliases()).containsExactly("CVE-2021-23334");
        assertThat(staticEval.packageName()).isEqualTo("static-eval");
        assertThat(staticEval.installedVersion()).isEqualTo("2.1.0");
        assertThat(staticEval.ecosystem()).isEqualTo("npm");
        assertThat(staticEval.purl()).isEqualTo("pkg:npm/static-eval@2.1.0");
        assertThat(staticEval.target()).isEqualTo("components/yarn.lock");
        assertThat(staticEval.severity()).isEqualTo("CRITICAL");
        assertThat(staticEval.status()).isEqualTo("not-fixed");
        assertThat(staticEval.fixedVersion()).isNull();
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.host()).isEqualTo("."));
    }

    @Test
    void fixedVersionComesFromTheFixAndTheImageIsTheHost() {
        ReportCollector report = Reports.fixture(ScanFormat.GRYPE, "grype/fix_available.json");

        ScannedFinding java = Reports.find(report, "CVE-2009-3882");
        assertThat(java.fixedVersion()).isEqualTo("1.2.3");
        assertThat(java.status()).isEqualTo("fixed");
        assertThat(java.host()).isEqualTo("REDACTED");
        assertThat(java.target()).isEqualTo("/opt/java/openjdk/bin/java");
        assertThat(java.cvssScore()).isNull(); // only a CVSS 2.0 score is given
        assertThat(report.scanner()).startsWith("grype");
    }

    @Test
    void aNulByteInAVersionIsMadeVisibleInsteadOfBreakingStorage() {
        // The real report has "17.0.10+7\u0000-J-ms8m": PostgreSQL cannot store NUL in text.
        ReportCollector report = Reports.fixture(ScanFormat.GRYPE, "grype/fix_not_available.json");

        assertThat(Reports.find(report, "CVE-2009-3882").installedVersion()).isEqualTo("17.0.10+7\uFFFD-J-ms8m");
        assertThat(Reports.find(report, "CVE-2009-3882").fixedVersion()).isNull();
    }

    @Test
    void ignoredMatchesAreKeptAsSuppressedWithTheVexReason() {
        ReportCollector report = Reports.text(ScanFormat.GRYPE, """
                {"matches":[],"ignoredMatches":[{"vulnerability":{"id":"CVE-2024-9","severity":"High"},
                  "artifact":{"name":"zlib","version":"1.2"},
                  "appliedIgnoreRules":[{"vex-status":"not_affected","vex-justification":"vulnerable_code_not_present"}]}],
                 "source":{"type":"image","target":{"userInput":"app:1"}}}""");

        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(Reports.find(report, "CVE-2024-9").suppression())
                .isEqualTo("VEX not_affected (vulnerable_code_not_present)");
        assertThat(Reports.find(report, "CVE-2024-9").host()).isEqualTo("app:1");
    }
}
