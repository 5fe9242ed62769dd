package io.patchflow.advisory.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Cvss3Test {

    /** Vectors with the base scores FIRST's calculator and the specification's examples give. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|9.8",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H|10.0",
            "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H|7.8",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N|3.1",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N|6.1",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N|7.5",
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H|8.8",
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H|9.9",
            "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H|7.2",
            "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|8.8",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N|6.5",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N|6.8",
            "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N|1.6",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N|0.0",
            "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H|7.8",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H|7.5",
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|9.8",
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N|6.1",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C|9.8"})
    void computesTheBaseScoreOfTheSpecification(String vector, String score) {
        assertThat(Cvss3.baseScore(vector)).isEqualByComparingTo(new BigDecimal(score));
    }

    /** Vulnerabilities scored in FIRST's "CVSS v3.1 Examples" document, with the base scores it gives. */
    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "CVE-2013-0375 (MySQL)|CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N|6.4",
            "CVE-2009-0783 (Tomcat)|CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L|4.2",
            "CVE-2012-1342 (Cisco ACL bypass)|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N|5.8",
            "CVE-2014-2005 (Sophos disk encryption)|CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|6.8",
            "CVE-2010-0467 (Joomla)|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N|5.8",
            "CVE-2016-1645 (Chrome)|CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H|8.8",
            "CVE-2014-9253 (DokuWiki)|CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N|5.4",
            "CVE-2014-0224 (OpenSSL CCS)|CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N|7.4",
            "CVE-2004-0230 (TCP reset)|CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L|3.7",
            "CVE-2008-1447 (DNS cache poisoning)|CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N|6.8"})
    void scoresTheVulnerabilitiesOfFirstsExamplesDocument(String vulnerability, String vector, String score) {
        assertThat(Cvss3.baseScore(vector)).isEqualByComparingTo(new BigDecimal(score));
    }

    @Test
    void roundsUpOnIntegersInVersion31SoFloatingPointNoiseDoesNotAddATenth() {
        assertThat(Cvss3.roundup(4.000000000000001, true)).isEqualTo(4.0);
        assertThat(Cvss3.roundup(4.02, true)).isEqualTo(4.1);
        assertThat(Cvss3.roundup(4.000000000000001, false)).isEqualTo(4.1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
            "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1",
            "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N"})
    void refusesVectorsThatAreNotCompleteV3BaseVectors(String vector) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cvss3.baseScore(vector));
    }
}
