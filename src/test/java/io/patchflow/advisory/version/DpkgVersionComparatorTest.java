package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DpkgVersionComparatorTest {

    private final VersionComparator dpkg = VersionComparators.forEcosystem("Debian:12");

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "1.0|1.0|0", "1.0|1.0-0|0", "1.0~rc1|1.0|-1", "1.0~~|1.0~|-1", "1.0~|1.0|-1", "1.0|1.0a|-1",
            "1.0a|1.0+|-1", "1.0+|1.0.|-1", "1:0.1|2.0|1", "0:1.0|1.0|0", "1.0-1|1.0-1ubuntu1|-1",
            "3.0.11-1~deb12u1|3.0.11-1~deb12u2|-1", "3.0.11-1~deb12u2|3.0.11-1|-1", "2.36-9+deb12u3|2.36-9+deb12u10|-1",
            "1.001|1.1|0", "1.2.3|1.2.10|-1",
            "99999999999999999999999999999999|100000000000000000000000000000000|-1",
            "1.0-1.0-1|1.0-1.0-1|0", "7.88.1-10+deb12u5|7.88.1-10+deb12u12|-1"})
    void ordersVersionsTheWayDpkgDoes(String left, String right, int expected) {
        assertThat(Integer.signum(dpkg.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(dpkg.compare(right, left))).isEqualTo(-expected);
    }
}
