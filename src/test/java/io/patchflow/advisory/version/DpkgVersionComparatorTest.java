package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void agreesWithDpkgCompareVersionsOnFourThousandRandomPairs(@TempDir Path dir) throws Exception {
        Random random = new Random(20261122L);
        List<String[]> pairs = new ArrayList<>();
        while (pairs.size() < 4000) {
            String a = randomVersion(random);
            String b = random.nextInt(3) == 0 ? randomVersion(random) : mutate(a, random);
            if (VALID.matcher(a).matches() && VALID.matcher(b).matches()) {
                pairs.add(new String[] {a, b});
            }
        }
        List<Integer> expected = askDpkg(pairs, dir);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int ours = Integer.signum(dpkg.compare(pairs.get(i)[0], pairs.get(i)[1]));
            if (ours != expected.get(i)) {
                disagreements.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": dpkg " + expected.get(i)
                        + ", ours " + ours);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(expected).contains(-1, 0, 1);
    }

    /** One shell runs all comparisons: a JVM process per pair would take minutes. */
    private static List<Integer> askDpkg(List<String[]> pairs, Path dir) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String[] pair : pairs) {
            String a = "'" + pair[0] + "'";
            String b = "'" + pair[1] + "'";
            script.append("if dpkg --compare-versions ").append(a).append(" lt ").append(b)
                    .append("; then echo -1; elif dpkg --compare-versions ").append(a).append(" eq ").append(b)
                    .append("; then echo 0; else echo 1; fi\n");
        }
        Path file = dir.resolve("compare.sh");
        Files.writeString(file, script);
        Process process = new ProcessBuilder("sh", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor()).isZero();
        List<Integer> results = out.lines().map(Integer::parseInt).toList();
        assertThat(results).hasSize(pairs.size());
        return results;
    }

    /** What dpkg accepts without complaint: digits first, optional epoch, a non-empty revision after a hyphen. */
    private static final Pattern VALID = Pattern.compile("^(?:\\d+:)?\\d[A-Za-z0-9.+~-]*(?<!-)$");

    private static final String ALPHABET = "0123456789abcxyzABZ.+~";

    private static String randomVersion(Random random) {
        StringBuilder v = new StringBuilder();
        if (random.nextInt(5) == 0) {
            v.append(random.nextInt(3)).append(':');
        }
        v.append(digits(random));
        int parts = random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            v.append(random.nextBoolean() ? digits(random) : String.valueOf(ALPHABET.charAt(random.nextInt(
                    ALPHABET.length()))));
        }
        if (random.nextInt(10) < 7) {
            if (random.nextInt(6) == 0) {
                v.append('-').append(digits(random));
            }
            v.append('-').append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            for (int i = random.nextInt(4); i > 0; i--) {
                v.append(random.nextBoolean() ? digits(random) : String.valueOf(ALPHABET.charAt(random.nextInt(
                        ALPHABET.length()))));
            }
        }
        return v.toString();
    }

    private static String digits(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "0" + random.nextInt(100);
            case 1 -> String.valueOf(Math.abs(random.nextLong())) + random.nextInt(1000);
            default -> String.valueOf(random.nextInt(20));
        };
    }

    /** A near neighbour of a version, so that equal and almost-equal pairs are common. */
    private static String mutate(String version, Random random) {
        int at = 1 + random.nextInt(version.length());
        String head = version.substring(0, at);
        String tail = version.substring(at);
        return switch (random.nextInt(6)) {
            case 0 -> version;
            case 1 -> head + "~" + tail;
            case 2 -> head + "0" + tail;
            case 3 -> version + (random.nextBoolean() ? "~1" : "+b1");
            case 4 -> head.contains(":") || tail.contains(":") || tail.contains("-") ? version : "0:" + version;
            default -> head + ALPHABET.charAt(random.nextInt(10)) + tail;
        };
    }
}
