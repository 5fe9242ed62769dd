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

    private static OsvAffected affected(String ecosystem, List<OsvEvent> events, List<String> versions) {
        String type = ecosystem.equals("npm") ? "SEMVER" : "ECOSYSTEM";
        return new OsvAffected(ecosystem, "pkg", null, List.of(new OsvRange(type, null, events)), versions, null);
    }
}
