package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverComparatorTest {

    private final VersionComparator npm = VersionComparators.forEcosystem("npm");
    private final VersionComparator go = VersionComparators.forEcosystem("Go");

    /** semver.org 2.0.0, section 11: the precedence examples, in order. */
    private static final List<String> PRECEDENCE = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
            "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");

    @Test
    void sortsTheSpecificationsPrecedenceExamplesInTheirOrderFromAnyShuffle() {
        List<String> shuffled = new ArrayList<>(PRECEDENCE);
        Collections.shuffle(shuffled, new Random(Differential.seed()));
        shuffled.sort(npm);
        assertThat(shuffled).containsExactlyElementsOf(PRECEDENCE);
        for (int i = 0; i < PRECEDENCE.size(); i++) {
            for (int j = 0; j < PRECEDENCE.size(); j++) {
                assertThat(Integer.signum(npm.compare(PRECEDENCE.get(i), PRECEDENCE.get(j))))
                        .as("%s vs %s", PRECEDENCE.get(i), PRECEDENCE.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            // build metadata carries no precedence (section 10)
            "1.0.0+20130313144700|1.0.0|0", "1.0.0-beta+exp.sha.5114f85|1.0.0-beta|0", "1.0.0+a|1.0.0+b|0",
            // numeric identifiers compare as numbers, also beyond 64 bits; numeric before alphanumeric
            "1.0.0-2|1.0.0-10|-1", "1.0.0-99999999999999999999|1.0.0-100000000000000000000|-1", "1.0.0-1|1.0.0-a|-1",
            "1.0.0-a-b|1.0.0-a|1", "1.0.0-A|1.0.0-a|-1", "1.10.0|1.9.0|1", "10.0.0|9.99.99|1",
            "18446744073709551616.0.0|18446744073709551615.0.0|1"})
    void followsSemverPrecedence(String left, String right, int expected) {
        assertThat(Integer.signum(npm.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(npm.compare(right, left))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            // Go module versions: the "v" prefix, "+incompatible" for pre-modules major versions, shorthands
            "v1.2.3|1.2.3|0", "v2.0.0+incompatible|v2.0.0|0", "v2.0.1+incompatible|v2.0.0+incompatible|1",
            "v1.2|v1.2.0|0", "v1|v1.0.0|0",
            // pseudo-versions sort before the release they precede and by their timestamp
            "v0.0.0-20191109021931-daa7c04131f5|v0.0.0-20200101000000-0123456789ab|-1",
            "v1.2.4-0.20191109021931-daa7c04131f5|v1.2.4|-1", "v1.2.4-0.20191109021931-daa7c04131f5|v1.2.3|1",
            "v1.2.3-pre.0.20191109021931-daa7c04131f5|v1.2.3-pre|1"})
    void ordersGoModuleVersions(String left, String right, int expected) {
        assertThat(Integer.signum(go.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(go.compare(right, left))).isEqualTo(-expected);
    }
}
