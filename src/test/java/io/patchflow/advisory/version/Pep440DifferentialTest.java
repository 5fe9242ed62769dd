package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our PyPI ordering against {@code packaging.version.Version} (Debian's python3-packaging), on random versions
 * written in every spelling PEP 440 accepts, with a new seed each run.
 */
class Pep440DifferentialTest {

    private static final int RANDOM_PAIRS = 50_000;
    private static final String[] PRE = {"a", "A", "alpha", "b", "beta", "c", "rc", "RC", "pre", "preview"};
    private static final String[] POST = {"post", "rev", "r", "POST"};
    private static final String[] LOCAL = {"ubuntu", "abc", "1", "01", "2", "1a", "local", "z"};
    private static final String[] NUMBERS = {"0", "0", "1", "2", "3", "10", "01", "00", "2024", "99999999999999999999"};

    private final VersionComparator pep440 = VersionComparators.forEcosystem("PyPI");

    @TempDir
    Path dir;

    @Test
    void agreesWithPackagingVersionOnRandomPairs() throws Exception {
        long seed = Differential.seed();
        Random random = new Random(seed);
        List<String[]> pairs = new ArrayList<>();
        while (pairs.size() < RANDOM_PAIRS) {
            String a = version(random);
            String b = pairs.size() % 3 == 0 ? version(random) : neighbour(a, random);
            pairs.add(new String[] {a, b});
        }
        List<Integer> expected = ReferenceTool.pep440().answers(pairs.stream().map(p -> p[0] + "\t" + p[1]).toList(),
                dir);

        Differential.assertAgree("PEP 440 ordering", pairs, expected, pep440::compare,
                Differential.reproduceWith(seed));
        assertThat(expected).contains(-1, 0, 1);
    }

    private static String version(Random random) {
        StringBuilder v = new StringBuilder();
        if (random.nextInt(10) == 0) {
            v.append(random.nextBoolean() ? "v" : "V");
        }
        if (random.nextInt(7) == 0) {
            v.append(number(random)).append('!');
        }
        v.append(number(random));
        for (int parts = random.nextInt(4); parts > 0; parts--) {
            v.append('.').append(number(random));
        }
        if (random.nextInt(5) < 2) {
            v.append(separator(random)).append(PRE[random.nextInt(PRE.length)]).append(optionalNumber(random));
        }
        if (random.nextInt(10) < 3) {
            if (random.nextBoolean()) {
                v.append('-').append(number(random));
            } else {
                v.append(separator(random)).append(POST[random.nextInt(POST.length)]).append(optionalNumber(random));
            }
        }
        if (random.nextInt(10) < 3) {
            v.append(separator(random)).append(random.nextBoolean() ? "dev" : "DEV").append(optionalNumber(random));
        }
        if (random.nextInt(7) == 0) {
            v.append('+').append(LOCAL[random.nextInt(LOCAL.length)]);
            for (int parts = random.nextInt(3); parts > 0; parts--) {
                v.append("-_.".charAt(random.nextInt(3))).append(LOCAL[random.nextInt(LOCAL.length)]);
            }
        }
        return random.nextInt(30) == 0 ? " " + v + " " : v.toString();
    }

    private static String number(Random random) {
        return random.nextInt(3) == 0 ? NUMBERS[random.nextInt(NUMBERS.length)] : String.valueOf(random.nextInt(12));
    }

    private static String separator(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "-";
            case 1 -> "_";
            case 2 -> ".";
            default -> "";
        };
    }

    private static String optionalNumber(Random random) {
        return random.nextInt(4) == 0 ? separator(random) : separator(random) + number(random);
    }

    /**
     * The same version respelled or slightly changed, so that equal and close pairs are common. Appending to a
     * version can make it invalid ("1.0.dev1.post1"); such candidates are dropped by our parser's verdict, which is
     * safe: a wrongly accepted one would be refused by packaging and fail the test.
     */
    private static String neighbour(String version, Random random) {
        String v = version.strip();
        String candidate = switch (random.nextInt(7)) {
            case 0 -> version;
            case 1 -> v + ".0";
            case 2 -> version.toUpperCase();
            case 3 -> v + ".dev0";
            case 4 -> v + ".post1";
            case 5 -> v.contains("+") ? v.replace("+", "+0.") : v + "+1";
            default -> version(random);
        };
        return Pep440Version.parse(candidate) == null ? version : candidate;
    }
}
