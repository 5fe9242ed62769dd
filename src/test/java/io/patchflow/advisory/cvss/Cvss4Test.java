package io.patchflow.advisory.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Cvss4Test {

    @Test
    void scoresEveryReferenceVectorAsFirstsCalculatorDoes() throws IOException {
        List<String> lines;
        try (InputStream in = Cvss4Test.class.getResourceAsStream("cvss4-reference-scores.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" - ");
            BigDecimal ours = Cvss4.score(parts[0]);
            if (ours.compareTo(new BigDecimal(parts[1])) != 0) {
                wrong.add(parts[0] + ": calculator " + parts[1] + ", ours " + ours);
            }
        }
        assertThat(lines).hasSizeGreaterThan(70);
        assertThat(wrong).isEmpty();
    }

    /** Every one of the 270 MacroVectors: its EQ digits come out of the vector, and its score is the calculator's. */
    @Test
    void scoresARepresentativeOfEveryMacroVectorAsTheCalculatorDoes() throws IOException {
        String[] tokens;
        try (InputStream in = Cvss4Test.class.getResourceAsStream("cvss4-macrovector-scores.txt")) {
            tokens = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).collect(java.util.stream.Collectors.joining(" "))
                    .trim().split("\\s+");
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < tokens.length; i += 2) {
            String macroVector = tokens[i];
            String vector = representative(macroVector);
            int[] eq = Cvss4.equivalenceClasses(Cvss4Vector.parse(vector));
            String computed = java.util.Arrays.stream(eq).mapToObj(String::valueOf).collect(
                    java.util.stream.Collectors.joining());
            BigDecimal ours = Cvss4.score(vector);
            if (!computed.equals(macroVector) || ours.compareTo(new BigDecimal(tokens[i + 1])) != 0) {
                wrong.add(vector + ": MacroVector " + macroVector + " score " + tokens[i + 1] + ", ours " + computed
                        + " score " + ours);
            }
        }
        assertThat(tokens).hasSize(2 * 270);
        assertThat(wrong).isEmpty();
    }

    private static String representative(String macroVector) {
        int[] eq = macroVector.chars().map(c -> c - '0').toArray();
        String exploitability = new String[] {"AV:N/PR:N/UI:N", "AV:N/PR:N/UI:P", "AV:A/PR:L/UI:P"}[eq[0]];
        String complexity = new String[] {"AC:L/AT:N", "AC:L/AT:P"}[eq[1]];
        String vulnerable = new String[] {"VC:H/VI:H/VA:H", "VC:H/VI:L/VA:H", "VC:L/VI:L/VA:L"}[eq[2]];
        String subsequent = new String[] {"SC:H/SI:H/SA:H/MSI:S", "SC:H/SI:H/SA:H", "SC:L/SI:L/SA:L"}[eq[3]];
        String exploit = new String[] {"E:A", "E:P", "E:U"}[eq[4]];
        String requirements = eq[5] == 0 || eq[2] == 2 ? "CR:H/IR:H/AR:H" : "CR:M/IR:M/AR:M";
        return String.join("/", "CVSS:4.0", exploitability, complexity, vulnerable, subsequent, exploit,
                requirements);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H|10.0",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N|9.3",
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N|0.0",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N|8.7"})
    void computesTheBaseScoreOfWellKnownVectors(String vector, String score) {
        assertThat(Cvss4.baseScore(vector)).isEqualByComparingTo(score);
    }

    /**
     * True ties (x.x5) that double arithmetic leaves one ulp below round up, as FIRST's reference calculator rounds
     * them since its fix of November 2024 (cvss-v4-calculator issues 48 and 66, cvss issue 63).
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H|8.6",
            "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U|0.4",
            "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H/E:P|9.0",
            "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:H/SA:H/E:P/CR:H/IR:H/AR:H/MSI:S|9.2",
            "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:N/SA:H/S:N/AU:N/R:I/V:C/RE:M/U:Green/MAV:A/MAC:L"
                    + "/MAT:N/MPR:N/MUI:N/MVC:H/MVI:N/MVA:H/MSC:H/MSI:H/MSA:H/CR:H/IR:M/AR:H/E:A|8.6"})
    void roundsTiesUpEvenWhenDoubleArithmeticLandsJustBelowThem(String vector, String score) {
        assertThat(Cvss4.score(vector)).isEqualByComparingTo(score);
    }

    @Test
    void baseScoreIgnoresThreatEnvironmentalAndSupplementalMetrics() {
        String base = "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";
        assertThat(Cvss4.score(base + "/E:U")).isEqualByComparingTo("4.1");
        assertThat(Cvss4.baseScore(base + "/E:U/CR:L/MSI:S/AU:Y/U:Red")).isEqualByComparingTo("7.3");
        assertThat(Cvss4.baseScore(base)).isEqualByComparingTo("7.3");
    }

    @Test
    void modifiedSubsequentSafetyRaisesTheEnvironmentalScore() {
        String vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N";
        assertThat(Cvss4.score(vector)).isEqualByComparingTo("0.0");
        assertThat(Cvss4.score(vector + "/MSI:H")).isEqualByComparingTo("7.7");
        assertThat(Cvss4.score(vector + "/MSI:X")).isEqualByComparingTo("0.0");
    }

    @Test
    void acceptsTheMetricsInAnyOrderAsFeedsPublishThem() {
        // the order GitHub advisories have used: impacts interleaved
        String canonical = "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        assertThat(Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N"))
                .isEqualByComparingTo(Cvss4.baseScore(canonical)).isEqualByComparingTo("8.7");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|not a CVSS v4.0 vector",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N|base metric 'SA' is missing",
            "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N|metric AV has no value 'X'",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N|metric SI has no value 'S'",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S|metric MSC has no value 'S'",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:H|unknown CVSS v4.0 metric 'ZZ'",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SI:H|metric 'SI' appears twice",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/|malformed metric ''",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E|malformed metric 'E'"})
    void refusesMalformedVectorsNamingWhatIsWrong(String vector, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cvss4.baseScore(vector)).withMessageContaining(message);
    }
}
