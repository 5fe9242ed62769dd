package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimpleVersionComparatorsTest {

    @ParameterizedTest(name = "{0}: {1} vs {2} = {3}")
    @CsvSource(delimiter = '|', value = {
            "npm|1.0.0|1.0.0|0", "npm|1.0.0-alpha|1.0.0|-1", "npm|1.0.0-alpha|1.0.0-alpha.1|-1",
            "npm|1.0.0-alpha.1|1.0.0-alpha.beta|-1", "npm|1.0.0-beta.2|1.0.0-beta.11|-1",
            "npm|1.0.0-rc.1|1.0.0|-1", "npm|2.1.1-0|3.0.0|-1", "npm|1.2.3+build5|1.2.3|0", "Go|v1.2.10|v1.2.9|1",
            "Maven|1.0|1|0", "Maven|1.0-alpha-1|1.0|-1", "Maven|1.0-beta-1|1.0-rc1|-1", "Maven|1.0-RC1|1.0|-1",
            "Maven|1.0-SNAPSHOT|1.0|-1", "Maven|1.0|1.0-sp1|-1", "Maven|2.5.16|2.5.9|1", "Maven|12.10.2|12.10.0|1",
            "Maven|1.0.Final|1.0|0", "PyPI|1.0|1.0.0|0", "PyPI|1.0a1|1.0|-1", "PyPI|1.0.dev1|1.0a1|-1",
            "PyPI|1.0rc1|1.0|-1", "PyPI|1.0|1.0.post1|-1", "PyPI|1!0.1|2.0|1", "PyPI|2.6.1|2.6.0|1",
            "Alpine:v3.18|1.2.3-r0|1.2.3-r1|-1", "Alpine:v3.18|1.2.3_rc1-r0|1.2.3-r0|-1",
            "Alpine:v3.18|1.2.3_p1-r0|1.2.3-r5|1", "Alpine:v3.18|3.1.4-r5|3.1.10-r0|-1",
            "Alpine:v3.18|1.2a-r0|1.2-r0|1", "RubyGems|3.0.21|3.0.20|1"})
    void ordersVersionsOfTheEcosystem(String ecosystem, String left, String right, int expected) {
        VersionComparator comparator = VersionComparators.forEcosystem(ecosystem);
        assertThat(Integer.signum(comparator.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(comparator.compare(right, left))).isEqualTo(-expected);
    }
}
