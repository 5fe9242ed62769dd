package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Debian ordering against dpkg's own, on 100,000 random pairs with a new seed each run and on every pair of
 * neighbouring real versions this machine's apt knows. Perl's Dpkg::Version answers in bulk; pairs with digit runs
 * longer than perl's floating point holds exactly go to {@code dpkg --compare-versions} itself.
 */
class DpkgDifferentialTest {

    private static final int RANDOM_PAIRS = 100_000;
    private static final int LONG_DIGIT_PAIRS = 500;
    /** perl compares digit runs as doubles: exact up to 15 digits. */
    private static final int PERL_EXACT_DIGITS = 15;

    private final VersionComparator dpkg = VersionComparators.forEcosystem("Debian:12");

    @TempDir
    Path dir;

    @Test
    void agreesWithDpkgOnOneHundredThousandRandomPairs() throws Exception {
        long seed = Differential.seed();
        DpkgVersions versions = new DpkgVersions(new Random(seed), PERL_EXACT_DIGITS);
        List<String[]> pairs = pairs(versions, RANDOM_PAIRS);
        List<Integer> expected = ReferenceTool.dpkg().answers(lines(pairs), dir);

        Differential.assertAgree("dpkg ordering, random pairs", pairs, expected, dpkg::compare,
                Differential.reproduceWith(seed));
        assertThat(expected).contains(-1, 0, 1);
    }

    @Test
    void agreesWithDpkgOnDigitRunsTooLongForAnyMachineNumber() throws Exception {
        long seed = Differential.seed();
        DpkgVersions versions = new DpkgVersions(new Random(seed), 40);
        List<String[]> pairs = pairs(versions, LONG_DIGIT_PAIRS);
        List<Integer> expected = askDpkgBinary(pairs);

        Differential.assertAgree("dpkg ordering, long digit runs", pairs, expected, dpkg::compare,
                Differential.reproduceWith(seed));
    }

    @Test
    void ordersEveryRealVersionAptKnowsAsDpkgDoes() throws Exception {
        List<String> real = aptVersions();
        assertThat(real).as("versions from apt-cache dumpavail").hasSizeGreaterThan(1000);
        List<String[]> pairs = new ArrayList<>();
        // neighbours in apt's order (unrelated packages: any outcome) ...
        for (int i = 1; i < real.size(); i++) {
            pairs.add(new String[] {real.get(i - 1), real.get(i)});
        }
        // ... and neighbours in our sorted order, where any misplaced version shows as a pair dpkg orders otherwise
        List<String> sorted = new ArrayList<>(real);
        sorted.sort(dpkg);
        for (int i = 1; i < sorted.size(); i++) {
            pairs.add(new String[] {sorted.get(i - 1), sorted.get(i)});
        }
        List<String[]> forPerl = pairs.stream().filter(p -> longestDigitRun(p) <= PERL_EXACT_DIGITS).toList();
        List<String[]> forDpkg = pairs.stream().filter(p -> longestDigitRun(p) > PERL_EXACT_DIGITS).toList();

        Differential.assertAgree("dpkg ordering, real versions", forPerl,
                ReferenceTool.dpkg().answers(lines(forPerl), dir), dpkg::compare, "versions from apt-cache dumpavail");
        Differential.assertAgree("dpkg ordering, real versions with long digit runs", forDpkg, askDpkgBinary(forDpkg),
                dpkg::compare, "versions from apt-cache dumpavail");
    }

    private static List<String[]> pairs(DpkgVersions versions, int count) {
        List<String[]> pairs = new ArrayList<>(count);
        while (pairs.size() < count) {
            String a = versions.next();
            String b = pairs.size() % 3 == 0 ? versions.next() : versions.neighbour(a);
            pairs.add(pairs.size() % 2 == 0 ? new String[] {a, b} : new String[] {b, a});
        }
        return pairs;
    }

    private static List<String> lines(List<String[]> pairs) {
        return pairs.stream().map(p -> p[0] + "\t" + p[1]).toList();
    }

    private static int longestDigitRun(String[] pair) {
        int longest = 0;
        for (String s : pair) {
            int run = 0;
            for (int i = 0; i < s.length(); i++) {
                run = Character.isDigit(s.charAt(i)) ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }

    /** The Version field of every package apt knows, distinct, in apt's order. */
    private static List<String> aptVersions() throws IOException, InterruptedException {
        Process apt;
        try {
            apt = new ProcessBuilder("apt-cache", "dumpavail").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("apt-cache is required by this test (a Debian machine): " + e.getMessage(), e);
        }
        Set<String> versions = new LinkedHashSet<>();
        try (var reader = apt.inputReader(StandardCharsets.UTF_8)) {
            reader.lines().filter(line -> line.startsWith("Version: "))
                    .forEach(line -> versions.add(line.substring("Version: ".length()).strip()));
        }
        assertThat(apt.waitFor()).as("apt-cache dumpavail exit code").isZero();
        return new ArrayList<>(versions);
    }

    /** dpkg itself, one call per pair through one shell: slow (about 2 ms a pair), so only for few pairs. */
    private List<Integer> askDpkgBinary(List<String[]> pairs) throws IOException, InterruptedException {
        List<String> script = new ArrayList<>();
        script.add("while IFS='\t' read -r a b; do");
        script.add("  if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1;");
        script.add("  elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0; else echo 1; fi");
        script.add("done");
        Path file = Files.write(dir.resolve("compare.sh"), script);
        return new ReferenceTool("dpkg --compare-versions", "dpkg is part of every Debian system",
                List.of("sh", file.toString())).answers(lines(pairs), dir);
    }
}
