package io.patchflow.advisory.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CvssTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N|6.1",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|9.8",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N|8.7",
            "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U|7.3"})
    void choosesTheVersionByThePrefixAndGivesTheBaseScore(String vector, String score) {
        assertThat(Cvss.baseScore(vector)).isEqualByComparingTo(score);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:4.1/AV:N", ""})
    void refusesVectorsOfOtherVersions(String vector) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cvss.baseScore(vector))
                .withMessageContaining("CVSS:4.0/");
    }
}
