package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/** Our Maven ordering against Maven's own ComparableVersion (maven-artifact 3.9), with a new seed each run. */
class MavenDifferentialTest {

    private static final int RANDOM_PAIRS = 100_000;
    private static final String[] QUALIFIERS = {"alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "CR",
        "snapshot", "SNAPSHOT", "ga", "GA", "final", "Final", "release", "RELEASE", "sp", "SP", "jre", "android",
        "v", "incubating", "xyz", "M", "RC", "Beta", "_", "p"};
    private static final String[] NUMBERS = {"0", "0", "1", "1", "2", "3", "9", "10", "11", "01", "00", "007",
        "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "0000000000", "000000000",
        "123456789012345678901234567890", "20230217"};
    private static final String SEPARATORS = "..-";

    private final VersionComparator maven = VersionComparators.forEcosystem("Maven");

    @Test
    void agreesWithComparableVersionOnRandomVersions() {
        long seed = Differential.seed();
        Random random = new Random(seed);
        List<String[]> pairs = new ArrayList<>();
        while (pairs.size() < RANDOM_PAIRS) {
            String a = random.nextBoolean() ? randomVersion(random) : realLooking(random);
            String b = switch (random.nextInt(3)) {
                case 0 -> randomVersion(random);
                case 1 -> realLooking(random);
                default -> neighbour(a, random);
            };
            pairs.add(new String[] {a, b});
        }
        List<Integer> expected = pairs.stream()
                .map(p -> Integer.signum(new ComparableVersion(p[0]).compareTo(new ComparableVersion(p[1])))).toList();

        Differential.assertAgree("Maven ordering", pairs, expected, maven::compare, Differential.reproduceWith(seed));
        assertThat(expected).contains(-1, 0, 1);
    }

    /** Tokens and separators in any order, empty parts included ("1..2", "1-", "-1"). */
    private static String randomVersion(Random random) {
        StringBuilder v = new StringBuilder();
        for (int parts = 1 + random.nextInt(6); parts > 0; parts--) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                v.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            } else if (kind < 8) {
                v.append(QUALIFIERS[random.nextInt(QUALIFIERS.length)]);
            }
            if (random.nextInt(5) > 0) {
                v.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
            }
        }
        return v.toString();
    }

    /** Versions as Maven Central has them: 1.2.3, 1.0-SNAPSHOT, 5.3.27.RELEASE, 31.1-jre, 2.0.0-M1, 1.0.0.RC1. */
    private static String realLooking(Random random) {
        StringBuilder v = new StringBuilder().append(random.nextInt(4));
        for (int parts = random.nextInt(4); parts > 0; parts--) {
            v.append('.').append(random.nextInt(12) == 0 ? "0" : random.nextInt(20));
        }
        if (random.nextBoolean()) {
            v.append(random.nextBoolean() ? '-' : '.').append(QUALIFIERS[random.nextInt(QUALIFIERS.length)]);
            if (random.nextBoolean()) {
                v.append(random.nextBoolean() ? "" : random.nextBoolean() ? "-" : ".").append(random.nextInt(3));
            }
        }
        return v.toString();
    }

    private static String neighbour(String version, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> version;
            case 1 -> version + ".0";
            case 2 -> version + "-0";
            case 3 -> version.replace('-', '.');
            case 4 -> version.toUpperCase();
            default -> version + (random.nextBoolean() ? "-" : ".") + QUALIFIERS[random.nextInt(QUALIFIERS.length)];
        };
    }
}
