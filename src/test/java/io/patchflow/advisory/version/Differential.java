package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntBiFunction;

/** Compares our ordering with a reference answer for every pair and reports every disagreement in one failure. */
final class Differential {

    static final String SEED_PROPERTY = "patchflow.versions.seed";
    private static final int SHOWN = 25;

    private Differential() {
    }

    /** A new seed each run unless {@code -Dpatchflow.versions.seed=} asks for a given one (to reproduce a failure). */
    static long seed() {
        String given = System.getProperty(SEED_PROPERTY);
        return given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
    }

    /** Fails listing every pair where {@code ours} differs from {@code expected} or throws. */
    static void assertAgree(String what, List<String[]> pairs, List<Integer> expected,
            ToIntBiFunction<String, String> ours, String reproduce) {
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            String problem;
            try {
                int result = Integer.signum(ours.applyAsInt(a, b));
                problem = result == expected.get(i) ? null
                        : "'" + a + "' vs '" + b + "': reference " + expected.get(i) + ", ours " + result;
            } catch (RuntimeException e) {
                problem = "'" + a + "' vs '" + b + "': ours threw " + e;
            }
            if (problem != null) {
                count++;
                if (problems.size() < SHOWN) {
                    problems.add(problem);
                }
            }
        }
        if (count > 0) {
            fail("%s: %d of %d comparisons disagree (%s); first %d:%n%s", what, count, pairs.size(), reproduce,
                    problems.size(), String.join("\n", problems));
        }
    }

    static String reproduceWith(long seed) {
        return "reproduce with -D" + SEED_PROPERTY + "=" + seed;
    }
}
