package io.patchflow.advisory.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simple model of Maven's ComparableVersion: items split at '.', '-' and digit/letter changes; numbers compare
 * numerically; known qualifiers in the order {@code alpha < beta < milestone < rc < snapshot < (release) < sp};
 * unknown qualifiers after those, alphabetically; trailing zeros and release qualifiers do not count ("1.0" =
 * "1"). A later issue replaces it with Maven's exact algorithm.
 */
final class MavenVersionComparator implements VersionComparator {

    private static final Map<String, Integer> QUALIFIERS = Map.ofEntries(Map.entry("alpha", 0), Map.entry("a", 0),
            Map.entry("beta", 1), Map.entry("b", 1), Map.entry("milestone", 2), Map.entry("m", 2),
            Map.entry("rc", 3), Map.entry("cr", 3), Map.entry("snapshot", 4), Map.entry("", 5), Map.entry("ga", 5),
            Map.entry("final", 5), Map.entry("release", 5), Map.entry("sp", 6));
    private static final int RELEASE = 5;

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public int compare(String left, String right) {
        List<String> a = items(left);
        List<String> b = items(right);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = compareItems(i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareItems(String a, String b) {
        if (a == null) {
            return -compareItems(b, null);
        }
        boolean aNumber = Character.isDigit(a.charAt(0));
        if (b == null) {
            return aNumber ? DpkgVersionComparator.compareDigits(a, "0") : Integer.compare(rank(a), RELEASE);
        }
        boolean bNumber = Character.isDigit(b.charAt(0));
        if (aNumber && bNumber) {
            return DpkgVersionComparator.compareDigits(a, b);
        }
        if (aNumber != bNumber) {
            return aNumber ? 1 : -1;
        }
        int byRank = Integer.compare(rank(a), rank(b));
        return byRank != 0 ? byRank : Integer.signum(a.compareTo(b));
    }

    private static int rank(String qualifier) {
        return QUALIFIERS.getOrDefault(qualifier, QUALIFIERS.size());
    }

    private static List<String> items(String version) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (char c : version.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            boolean separator = c == '.' || c == '-' || c == '_';
            boolean switches = !current.isEmpty() && Character.isDigit(c) != Character.isDigit(current.charAt(0));
            if (separator || switches) {
                if (!current.isEmpty()) {
                    items.add(current.toString());
                }
                current.setLength(0);
            }
            if (!separator) {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            items.add(current.toString());
        }
        // "1.0.0" equals "1": trailing zeros and release qualifiers carry no order
        while (!items.isEmpty() && isNeutral(items.get(items.size() - 1))) {
            items.remove(items.size() - 1);
        }
        return items;
    }

    private static boolean isNeutral(String item) {
        return item.chars().allMatch(ch -> ch == '0') || Integer.valueOf(RELEASE).equals(QUALIFIERS.get(item));
    }
}
