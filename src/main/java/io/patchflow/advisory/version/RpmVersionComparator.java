package io.patchflow.advisory.version;

/**
 * RPM's ordering of {@code [epoch:]version[-release]}, as rpm 4.18 implements it: epochs numerically (missing = 0),
 * then {@code rpmvercmp} on the versions, then on the releases when both sides have one (rpm ignores the release
 * when either side leaves it out, so "1.0" matches every release of 1.0).
 */
final class RpmVersionComparator implements VersionComparator {

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String left, String right) {
        Evr a = Evr.of(left);
        Evr b = Evr.of(right);
        int byEpoch = DpkgVersionComparator.compareDigits(a.epoch, b.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byVersion = rpmvercmp(a.version, b.version);
        if (byVersion != 0 || a.release.isEmpty() || b.release.isEmpty()) {
            return byVersion;
        }
        return rpmvercmp(a.release, b.release);
    }

    private record Evr(String epoch, String version, String release) {

        static Evr of(String evr) {
            String v = evr.strip();
            String epoch = "0";
            int colon = v.indexOf(':');
            if (colon >= 0) {
                String digits = v.substring(0, colon);
                epoch = digits.isEmpty() ? "0" : digits;
                v = v.substring(colon + 1);
            }
            int hyphen = v.lastIndexOf('-');
            if (hyphen >= 0) {
                return new Evr(epoch, v.substring(0, hyphen), v.substring(hyphen + 1));
            }
            return new Evr(epoch, v, "");
        }
    }

    /** rpm's rpmvercmp (rpmio/rpmvercmp.c), including the '~' (pre-release) and '^' (post-release) separators. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int one = 0;
        int two = 0;
        while (one < a.length() || two < b.length()) {
            while (one < a.length() && isSeparator(a.charAt(one))) {
                one++;
            }
            while (two < b.length() && isSeparator(b.charAt(two))) {
                two++;
            }
            char c1 = charAt(a, one);
            char c2 = charAt(b, two);
            if (c1 == '~' || c2 == '~') {
                if (c1 != '~') {
                    return 1;
                }
                if (c2 != '~') {
                    return -1;
                }
                one++;
                two++;
                continue;
            }
            if (c1 == '^' || c2 == '^') {
                if (c1 == 0) {
                    return -1;
                }
                if (c2 == 0) {
                    return 1;
                }
                if (c1 != '^') {
                    return 1;
                }
                if (c2 != '^') {
                    return -1;
                }
                one++;
                two++;
                continue;
            }
            if (c1 == 0 || c2 == 0) {
                break;
            }
            boolean numeric = DpkgVersionComparator.isDigit(c1);
            int end1 = segmentEnd(a, one, numeric);
            int end2 = segmentEnd(b, two, numeric);
            if (end2 == two) {
                // one side numeric, the other alpha: numeric segments are newer
                return numeric ? 1 : -1;
            }
            String seg1 = a.substring(one, end1);
            String seg2 = b.substring(two, end2);
            int rc = numeric ? DpkgVersionComparator.compareDigits(seg1, seg2) : Integer.signum(seg1.compareTo(seg2));
            if (rc != 0) {
                return rc;
            }
            one = end1;
            two = end2;
        }
        boolean oneDone = one >= a.length();
        boolean twoDone = two >= b.length();
        if (oneDone && twoDone) {
            return 0;
        }
        return oneDone ? -1 : 1;
    }

    private static int segmentEnd(String s, int from, boolean numeric) {
        int i = from;
        while (i < s.length() && (numeric ? DpkgVersionComparator.isDigit(s.charAt(i))
                : DpkgVersionComparator.isLetter(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return !DpkgVersionComparator.isDigit(c) && !DpkgVersionComparator.isLetter(c) && c != '~' && c != '^';
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }
}
