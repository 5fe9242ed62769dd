package io.patchflow.advisory.version;

/**
 * Debian's version ordering, exactly as dpkg implements it ({@code lib/dpkg/version.c}): {@code [epoch:]upstream
 * [-revision]}, compared epoch first, then upstream, then revision, each with {@code verrevcmp}. Digit runs are
 * compared as numbers of any length (leading zeros stripped, then by length and digits), so long runs such as
 * dates or snapshot stamps never overflow.
 */
final class DpkgVersionComparator implements VersionComparator {

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int compare(String left, String right) {
        Parsed a = Parsed.of(left);
        Parsed b = Parsed.of(right);
        int byEpoch = compareDigits(a.epoch, b.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = verrevcmp(a.upstream, b.upstream);
        if (byUpstream != 0) {
            return byUpstream;
        }
        return verrevcmp(a.revision, b.revision);
    }

    private record Parsed(String epoch, String upstream, String revision) {

        static Parsed of(String version) {
            String v = version.strip();
            String epoch = "0";
            int colon = v.indexOf(':');
            if (colon >= 0) {
                epoch = v.substring(0, colon);
                v = v.substring(colon + 1);
            }
            int hyphen = v.lastIndexOf('-');
            if (hyphen >= 0) {
                return new Parsed(epoch, v.substring(0, hyphen), v.substring(hyphen + 1));
            }
            return new Parsed(epoch, v, "");
        }
    }

    /** dpkg's verrevcmp: alternating non-digit and digit parts. */
    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDiff = 0;
            while (i < a.length() && j < b.length() && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** The weight dpkg gives a character: '~' before the end, the end before letters, letters before the rest. */
    private static int order(String s, int index) {
        if (index >= s.length()) {
            return 0;
        }
        char c = s.charAt(index);
        if (isDigit(c)) {
            return 0;
        }
        if (isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    /** Compares two digit strings as unbounded non-negative numbers. */
    static int compareDigits(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return Integer.signum(x.compareTo(y));
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
