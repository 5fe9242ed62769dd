package io.patchflow.advisory.version;

import java.util.List;

/**
 * Semantic Versioning 2.0 precedence: major.minor.patch numerically, a pre-release sorts before its release,
 * pre-release identifiers compare numerically or lexically, build metadata is ignored. Tolerates a leading "v" and
 * missing minor/patch (taken as 0), as Go and npm data contain them. OSV ranges of type SEMVER always use it.
 */
final class SemverComparator implements VersionComparator {

    @Override
    public String name() {
        return "semver";
    }

    @Override
    public int compare(String left, String right) {
        Semver a = Semver.of(left);
        Semver b = Semver.of(right);
        for (int i = 0; i < Math.max(a.core.size(), b.core.size()); i++) {
            int c = DpkgVersionComparator.compareDigits(part(a.core, i), part(b.core, i));
            if (c != 0) {
                return c;
            }
        }
        if (a.pre.isEmpty() || b.pre.isEmpty()) {
            return Boolean.compare(a.pre.isEmpty(), b.pre.isEmpty());
        }
        for (int i = 0; i < Math.min(a.pre.size(), b.pre.size()); i++) {
            int c = comparePreRelease(a.pre.get(i), b.pre.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.pre.size(), b.pre.size());
    }

    private static String part(List<String> parts, int i) {
        return i < parts.size() ? parts.get(i) : "0";
    }

    private static int comparePreRelease(String a, String b) {
        boolean aNumeric = a.chars().allMatch(Character::isDigit) && !a.isEmpty();
        boolean bNumeric = b.chars().allMatch(Character::isDigit) && !b.isEmpty();
        if (aNumeric && bNumeric) {
            return DpkgVersionComparator.compareDigits(a, b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    private record Semver(List<String> core, List<String> pre) {

        static Semver of(String version) {
            String v = version.strip();
            if (v.startsWith("v") || v.startsWith("V")) {
                v = v.substring(1);
            }
            int plus = v.indexOf('+');
            if (plus >= 0) {
                v = v.substring(0, plus);
            }
            String pre = "";
            int hyphen = v.indexOf('-');
            if (hyphen >= 0) {
                pre = v.substring(hyphen + 1);
                v = v.substring(0, hyphen);
            }
            List<String> core = List.of(v.split("\\.")).stream().map(Semver::digitsOnly).toList();
            return new Semver(core, pre.isEmpty() ? List.of() : List.of(pre.split("\\.")));
        }

        private static String digitsOnly(String part) {
            int end = 0;
            while (end < part.length() && Character.isDigit(part.charAt(end))) {
                end++;
            }
            return end == 0 ? "0" : part.substring(0, end);
        }
    }
}
