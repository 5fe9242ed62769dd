package io.patchflow.advisory.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvParser;
import io.patchflow.advisory.osv.OsvRange;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeEvaluatorTest {

    private static OsvAffected fixture(String name) throws IOException {
        return OsvParser.parse(new ObjectMapper().readTree(Fixtures.path("osv/" + name).toFile()), "")
                .affected().get(0);
    }

    private static String verdict(String version, OsvAffected affected) {
        RangeEvaluator.Verdict v = RangeEvaluator.evaluate(version, affected);
        return v.affected() ? "affected:" + (v.fixedVersion() == null ? "none" : v.fixedVersion()) : "clean";
    }

    /** Events listed out of order (0, 4.0.1, 4.0.5, 3.0.21): evaluation sorts them first, as the OSV spec says. */
    @ParameterizedTest(name = "passenger {0}: {1}")
    @CsvSource({"3.0.20, affected:3.0.21", "3.0.21, clean", "4.0.0, clean", "4.0.1, affected:4.0.5",
        "4.0.4, affected:4.0.5", "4.0.5, clean", "0.1, affected:3.0.21"})
    void sortsEventsBeforeWalkingThem(String version, String expected) throws IOException {
        assertThat(verdict(version, fixture("ghsa-multiple_ranges_in_package.osv.json"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "xwiki {0}: {1}")
    @CsvSource({"11.6.0, clean", "11.6.1, affected:11.10.13", "11.10.12, affected:11.10.13", "11.10.13, clean",
        "12.0, affected:12.6.7", "12.6.6, affected:12.6.7", "12.6.7, clean", "12.10.0, affected:12.10.2",
        "12.10.2, clean", "13.0, clean"})
    void reportsTheLowestFixedVersionAboveTheInstalledOne(String version, String expected) throws IOException {
        assertThat(verdict(version, fixture("ghsa-maven_greater_than.osv.json"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "jquery {0}: {1}")
    @CsvSource({"2.1.0, clean", "2.1.1-0, affected:3.0.0", "2.1.1, affected:3.0.0", "2.2.4, affected:3.0.0",
        "3.0.0-rc1, affected:3.0.0", "3.0.0, clean"})
    void evaluatesSemverRangesWithSemverPrecedence(String version, String expected) throws IOException {
        assertThat(verdict(version, fixture("ghsa-npm_greater_than.osv.json"))).isEqualTo(expected);
    }

    @Test
    void closesARangeAfterItsLastAffectedVersion() {
        OsvAffected affected = affected("Debian:12", List.of(new OsvEvent("introduced", "1.0-1"),
                new OsvEvent("last_affected", "1.4-2")), List.of());
        assertThat(verdict("1.4-2", affected)).isEqualTo("affected:none");
        assertThat(verdict("1.4-2+deb12u1", affected)).isEqualTo("clean");
        assertThat(verdict("1:0.1-1", affected)).isEqualTo("clean");
    }

    @Test
    void leavesVersionsFromTheLimitOnOutside() {
        OsvAffected affected = affected("npm", List.of(new OsvEvent("introduced", "0"), new OsvEvent("limit", "2.0.0")),
                List.of());
        assertThat(verdict("1.9.9", affected)).isEqualTo("affected:none");
        assertThat(verdict("2.0.0", affected)).isEqualTo("clean");
    }

    @Test
    void usesDebianOrderingForDebianFixedVersions() {
        OsvAffected affected = affected("Debian:12", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("fixed", "3.0.11-1~deb12u2")), List.of());
        assertThat(verdict("3.0.11-1~deb12u1", affected)).isEqualTo("affected:3.0.11-1~deb12u2");
        assertThat(verdict("3.0.11-1", affected)).isEqualTo("clean");
    }

    @Test
    void matchesExplicitlyListedVersionsEvenWithoutRanges() {
        OsvAffected affected = new OsvAffected("PyPI", "a", null, List.of(), List.of("1.0", "1.1"), null);
        assertThat(verdict("1.1", affected)).isEqualTo("affected:none");
        assertThat(verdict("1.2", affected)).isEqualTo("clean");
    }

    @Test
    void neverEvaluatesGitRangesAgainstPackageVersions() {
        OsvAffected affected = new OsvAffected("Debian:12", "a", null, List.of(new OsvRange("GIT",
                "https://example.org/a.git", List.of(new OsvEvent("introduced", "0")))), List.of(), null);
        assertThat(verdict("1.0", affected)).isEqualTo("clean");
    }

    // ---- one test per rule of the OSV schema's evaluation ------------------------------------------------------

    @Test
    void introducedZeroSortsBeforeEveryOtherEventWhereverTheRecordListsIt() {
        OsvAffected affected = affected("Debian:12", List.of(new OsvEvent("fixed", "1.0-1"),
                new OsvEvent("introduced", "0")), List.of());
        assertThat(verdict("0.5-1", affected)).isEqualTo("affected:1.0-1");
        assertThat(verdict("1.0-1", affected)).isEqualTo("clean");
    }

    @Test
    void introducedIncludesItsOwnVersionAndNothingBelow() {
        OsvAffected affected = affected("Debian:12", List.of(new OsvEvent("introduced", "2.0-1"),
                new OsvEvent("fixed", "2.1-1")), List.of());
        assertThat(verdict("1.9-9", affected)).isEqualTo("clean");
        assertThat(verdict("2.0-1", affected)).isEqualTo("affected:2.1-1");
    }

    @Test
    void fixedExcludesItsOwnVersionLastAffectedIncludesIt() {
        OsvAffected fixed = affected("Debian:12", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("fixed", "1.5-1")), List.of());
        OsvAffected lastAffected = affected("Debian:12", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("last_affected", "1.5-1")), List.of());
        assertThat(verdict("1.5-1", fixed)).isEqualTo("clean");
        assertThat(verdict("1.5-1", lastAffected)).isEqualTo("affected:none");
        assertThat(verdict("1.5-1+b1", lastAffected)).isEqualTo("clean");
    }

    @Test
    void anEpochOutranksEveryUpstreamVersionInARange() {
        OsvAffected affected = affected("Debian:12", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("fixed", "1:1.0-1")), List.of());
        assertThat(verdict("9.9-9", affected)).isEqualTo("affected:1:1.0-1");
        assertThat(verdict("1:1.0-1", affected)).isEqualTo("clean");
    }

    @Test
    void aLimitStarLeavesTheRangeOpenAndSeveralLimitsNeedOnlyOneAbove() {
        OsvAffected star = affected("npm", List.of(new OsvEvent("introduced", "1.0.0"), new OsvEvent("limit", "*")),
                List.of());
        assertThat(verdict("99.0.0", star)).isEqualTo("affected:none");
        OsvAffected twoLimits = affected("npm", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("limit", "2.0.0"), new OsvEvent("limit", "3.0.0")), List.of());
        assertThat(verdict("2.5.0", twoLimits)).isEqualTo("affected:none");
        assertThat(verdict("3.0.0", twoLimits)).isEqualTo("clean");
    }

    @Test
    void aLimitBelowTheFixLeavesTheVersionsBetweenOutside() {
        OsvAffected affected = affected("npm", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("fixed", "3.0.0"), new OsvEvent("limit", "2.0.0")), List.of());
        assertThat(verdict("1.0.0", affected)).isEqualTo("affected:3.0.0");
        assertThat(verdict("2.5.0", affected)).isEqualTo("clean");
    }

    @Test
    void explicitVersionsMatchExactlyBesideRanges() {
        OsvAffected affected = affected("Debian:12", List.of(new OsvEvent("introduced", "2.0-1"),
                new OsvEvent("fixed", "2.1-1")), List.of("1.0-1"));
        assertThat(verdict("1.0-1", affected)).isEqualTo("affected:2.1-1");
        assertThat(verdict("1.0-2", affected)).isEqualTo("clean");
    }

    @Test
    void aSemverRangeUsesSemverOrderEvenInAnotherEcosystem() {
        OsvAffected affected = new OsvAffected("Go", "example.org/m", null, List.of(new OsvRange("SEMVER", null,
                List.of(new OsvEvent("introduced", "1.2.0"), new OsvEvent("fixed", "1.10.0")))), List.of(), null);
        assertThat(verdict("1.9.0", affected)).isEqualTo("affected:1.10.0");
        assertThat(verdict("1.10.0", affected)).isEqualTo("clean");
    }

    @Test
    void theFixReportedIsTheLowestThatNoOverlappingRangeReopens() {
        OsvAffected affected = new OsvAffected("Debian:12", "pkg", null, List.of(
                new OsvRange("ECOSYSTEM", null, List.of(new OsvEvent("introduced", "0"), new OsvEvent("fixed", "3.0-1"))),
                new OsvRange("ECOSYSTEM", null, List.of(new OsvEvent("introduced", "2.5-1"),
                        new OsvEvent("fixed", "3.5-1")))), List.of(), null);
        assertThat(verdict("2.0-1", affected)).isEqualTo("affected:3.5-1");
        assertThat(verdict("2.6-1", affected)).isEqualTo("affected:3.5-1");
    }

    @Test
    void aFixThatAnotherEntryOfTheAdvisoryStillCallsAffectedIsNoFix() {
        OsvAffected first = affected("Debian:12", List.of(new OsvEvent("introduced", "0"),
                new OsvEvent("fixed", "2.0-1")), List.of());
        OsvAffected second = affected("Debian:12", List.of(new OsvEvent("introduced", "1.5-1")), List.of());
        RangeEvaluator.Verdict verdict = RangeEvaluator.evaluate("1.0-1", List.of(first, second));
        assertThat(verdict.affected()).isTrue();
        assertThat(verdict.fixedVersion()).isNull();
    }

    @Test
    void theSourcesNoFixReasonTravelsOnlyWhenNothingResolves() {
        OsvAffected postponed = new OsvAffected("Debian:12", "pkg", null, List.of(new OsvRange("ECOSYSTEM", null,
                List.of(new OsvEvent("introduced", "0")))), List.of(), null, "postponed: minor issue");
        assertThat(RangeEvaluator.evaluate("1.0-1", postponed))
                .isEqualTo(new RangeEvaluator.Verdict(true, null, "postponed: minor issue"));
        OsvAffected fixed = new OsvAffected("Debian:12", "pkg", null, List.of(new OsvRange("ECOSYSTEM", null,
                List.of(new OsvEvent("introduced", "0"), new OsvEvent("fixed", "2.0-1")))), List.of(), null,
                "ignored");
        assertThat(RangeEvaluator.evaluate("1.0-1", fixed)).isEqualTo(new RangeEvaluator.Verdict(true, "2.0-1", null));
    }

    @ParameterizedTest(name = "akka {0}: {1}")
    @CsvSource({"2.4.20, clean", "2.5.0, affected:2.5.16", "2.5.15, affected:2.5.16", "2.5.16, clean"})
    void evaluatesEachAffectedEntryOfTheFullRangesRecord(String version, String expected) throws IOException {
        OsvAffected scala212 = fixture("ghsa-full_ranges.osv.json");
        assertThat(verdict(version, scala212)).isEqualTo(expected);
    }

    private static OsvAffected affected(String ecosystem, List<OsvEvent> events, List<String> versions) {
        String type = ecosystem.equals("npm") ? "SEMVER" : "ECOSYSTEM";
        return new OsvAffected(ecosystem, "pkg", null, List.of(new OsvRange(type, null, events)), versions, null);
    }
}
