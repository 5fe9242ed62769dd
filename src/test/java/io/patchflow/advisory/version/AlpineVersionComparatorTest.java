package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian has no apk-tools to test against, so the reference is apk-tools' own test data: a selection of
 * {@code test/version.data} ("a op b" lines, every feature of the grammar represented) plus the rules of
 * {@code src/version.c} that the data leaves out (commit hashes, leading-zero string order, malformed rests).
 */
class AlpineVersionComparatorTest {

    private final VersionComparator apk = VersionComparators.forEcosystem("Alpine:v3.20");

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "2.34 > 0.1.0_alpha", "23_foo > 4_beta", "1.0 < 1.0bc", "0.1.0_alpha = 0.1.0_alpha",
            "0.1.0_alpha2 > 0.1.0_alpha", "0.1.0_alpha < 2.2.39-r1", "1.0.4-r3 < 1.0.4-r4", "1.1 > 1.1_alpha1",
            "1.2.1 > 1.2", "1.3_alpha2 < 1.3_alpha3", "0.7.0 < 0.8_beta1", "3.10.18-r1 > 2.3.0b-r1",
            "2.3.0b-r1 < 2.3.0b-r2", "0.12.3 > 0.12", "1.2.11 < 1.2.12.1", "0.2.0-r1 < 3.1_p16", "3.1_p16 < 3.1_p17",
            "1.06-r6 < 006", "006 > 1.0.0", "1.2.2-r1 > 1.2.2", "2.59 < 20050718-r1", "3.9.8-r5 > 2.01.01_alpha10",
            "1.0 > 0.99.3.20040818", "1.00_beta2 > 0.9.2", "4.2.52_p2-r1 < 4.2.52_p4-r2", "1.02.07 < 1.02.10-r1",
            "2.18.3-r10 > 1.05-r18", "20060720 > 3.0.20060720", "0.7.18-r2 < 0.17-r6", "1.3.5-r10 > 1.3.5-r8",
            "2.5.1-r8 < 2.5.1a-r1", "20040401 > 2.0.0_rc3-r1", "3.0.0-r2 < 021109-r3", "0.9.16-r1 < 3.9_pre20060124",
            "1.1.7 < 6b-r7", "0.10.0-r1 > 0.10.0", "0.10.0 < 0.10.1_rc1", "1.0-r1 > 0.15.1b", "22.7.3-r1 > 22.7",
            "2.1_pre20 < 2.1_pre26", "2.10.1 > 02.08.01b", "1.6d > 1.2.07.8", "1.2.07.8 < 1.2.12.04",
            "0.1_pre20060810 < 0.1_pre20060817", "0.59s-r11 < 0.65", "0.20070118 < 0.20070207_rc1",
            "4.5_p1-r1 > 4.5_p1", "0.9.8c-r1 < 0.9.8d", "1.7 < 1.7b", "1.8.5 < 1.8.5_p2",
            "2.9.11_pre20051101-r3 > 2.9.11_pre20051101", "1.6.8_p12-r1 > 1.6.8_p9-r2", "0.9.28-r2 < 0.9.28.1",
            "087-r1 < 103", "104-r11 > 104-r9", "2.12r-r4 < 2.12r-r5", "7.0.17 < 7.0.174", "1.3-r0 < 1.3.1-r0",
            "1.3_pre1-r1 < 1.3.2", "1.0_p10-r0 > 1.0_p9-r0", "0.1.0_alpha_pre2 < 0.1.0_alpha",
            "1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0"})
    void ordersVersionsAsApkToolsTestDataSays(String left, String operator, String right) {
        int expected = switch (operator) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertThat(Integer.signum(apk.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(apk.compare(right, left))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            // suffix order: pre-release suffixes below no suffix, post-release ones above
            "1.0_alpha|1.0_beta|-1", "1.0_beta|1.0_pre|-1", "1.0_pre|1.0_rc|-1", "1.0_rc|1.0|-1", "1.0|1.0_cvs|-1",
            "1.0_cvs|1.0_svn|-1", "1.0_svn|1.0_git|-1", "1.0_git|1.0_hg|-1", "1.0_hg|1.0_p|-1",
            // a letter after the digits is a later version; a revision comes last
            "1.2|1.2a|-1", "1.2a|1.2b|-1", "1.2b|1.2.1|-1", "1.2-r0|1.2-r1|-1", "1.2_p1|1.2_p1-r1|-1",
            // leading zeros after the first number: string order
            "1.02|1.1|-1", "1.010|1.01|1", "1.2.0|1.2.00|-1",
            // commit hashes (~hash) compare as text, before the revision
            "1.0_git20240101~abc|1.0_git20240101~abd|-1", "1.0~abc|1.0~abc-r1|-1", "1.0~abc|1.0|1",
            // numbers longer than any 32-bit integer
            "2.9.11_pre20231122123456|2.9.11_pre20231122123457|-1", "0.0_git99999999999|0.0_git100000000000|-1",
            // a malformed rest ranks below the end of a version
            "1.0-x|1.0|-1", "1.0_foo|1.0|-1", "1.0|1.0_|1", "1.0.a|1.0|-1"})
    void followsApkToolsVersionRules(String left, String right, int expected) {
        assertThat(Integer.signum(apk.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(apk.compare(right, left))).isEqualTo(-expected);
    }
}
