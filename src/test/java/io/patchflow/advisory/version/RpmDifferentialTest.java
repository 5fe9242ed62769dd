package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our RPM ordering against rpm's own ({@code rpm.labelCompare} of Debian's python3-rpm), with a new seed each run. */
class RpmDifferentialTest {

    private static final int RANDOM_PAIRS = 100_000;
    private static final String[] EPOCHS = {"", "", "0", "1", "2", "01", "10"};
    private static final String[] WORDS = {"a", "b", "z", "A", "Z", "rc", "git", "pre", "fc", "el", "p"};
    /** Everything that is neither a letter, a digit, '~' nor '^' separates segments, so some odd ones too. */
    private static final String SEPARATORS = "..._+%";

    private final VersionComparator rpm = VersionComparators.forEcosystem("Red Hat:9");

    @TempDir
    Path dir;

    @Test
    void agreesWithRpmLabelCompareOnOneHundredThousandRandomPairs() throws Exception {
        long seed = Differential.seed();
        Random random = new Random(seed);
        List<String[]> evrPairs = new ArrayList<>();
        while (evrPairs.size() < RANDOM_PAIRS) {
            String[] a = {EPOCHS[random.nextInt(EPOCHS.length)], segments(random), segments(random)};
            String[] b = evrPairs.size() % 3 == 0
                    ? new String[] {EPOCHS[random.nextInt(EPOCHS.length)], segments(random), segments(random)}
                    : neighbour(a, random);
            if (random.nextInt(6) == 0 || a[2].isEmpty() || b[2].isEmpty()) {
                // a missing release on one side only matches any release (our documented rule), so both or none
                a[2] = "";
                b[2] = "";
            }
            evrPairs.add(new String[] {String.join("\t", a), String.join("\t", b)});
        }
        List<Integer> expected = ReferenceTool.rpm().answers(evrPairs.stream().map(p -> p[0] + "\t" + p[1]).toList(),
                dir);
        List<String[]> pairs = evrPairs.stream().map(p -> new String[] {label(p[0]), label(p[1])}).toList();

        Differential.assertAgree("rpm ordering, random pairs", pairs, expected, rpm::compare,
                Differential.reproduceWith(seed));
        assertThat(expected).contains(-1, 0, 1);
    }

    /** epoch:version-release as rpm -q prints it, without "epoch:" when there is none. */
    private static String label(String tabbed) {
        String[] evr = tabbed.split("\t", -1);
        return (evr[0].isEmpty() ? "" : evr[0] + ":") + evr[1] + (evr[2].isEmpty() ? "" : "-" + evr[2]);
    }

    private static String segments(Random random) {
        StringBuilder s = new StringBuilder();
        s.append(segment(random));
        for (int parts = random.nextInt(6); parts > 0; parts--) {
            int kind = random.nextInt(12);
            if (kind < 6) {
                s.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
            } else if (kind < 8) {
                s.append('~');
            } else if (kind < 10) {
                s.append('^');
            }
            s.append(segment(random));
        }
        // rpm refuses an empty version
        return s.isEmpty() ? "1" : s.toString();
    }

    private static String segment(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "0" + random.nextInt(100);
            case 1 -> String.valueOf(Math.abs(random.nextLong())) + random.nextInt(1000);
            case 2, 3 -> WORDS[random.nextInt(WORDS.length)];
            case 4 -> "";
            default -> String.valueOf(random.nextInt(20));
        };
    }

    private static String[] neighbour(String[] evr, Random random) {
        String[] copy = evr.clone();
        int part = 1 + random.nextInt(2);
        String text = copy[part];
        int at = random.nextInt(text.length() + 1);
        copy[part] = switch (random.nextInt(7)) {
            case 0 -> text;
            case 1 -> text.substring(0, at) + "~" + text.substring(at);
            case 2 -> text.substring(0, at) + "^" + text.substring(at);
            case 3 -> text.substring(0, at) + "0" + text.substring(at);
            case 4 -> text.substring(0, at) + "." + text.substring(at);
            case 5 -> text.substring(0, at) + WORDS[random.nextInt(WORDS.length)] + text.substring(at);
            default -> text + "." + random.nextInt(3);
        };
        if (random.nextInt(5) == 0) {
            copy[0] = EPOCHS[random.nextInt(EPOCHS.length)];
        }
        return copy;
    }
}
