package io.patchflow.advisory.version;

/**
 * RPM's ordering of {@code [epoch:]version[-release]}, as rpm 4.18 implements it (rpmverCmp, labelCompare): epochs
 * first (missing = 0), then {@code rpmvercmp} on the versions, then on the releases when both sides have one (rpm
 * ignores the release when either side leaves it out, so "1.0" matches every release of 1.0). Works on indexes into
 * the strings, without allocating: the fleet matcher compares millions of versions.
 */
final class RpmVersionComparator implements VersionComparator {

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String left, String right) {
        String a = left.strip();
        String b = right.strip();
        int aColon = a.indexOf(':');
        int bColon = b.indexOf(':');
        // the epoch is compared with rpmvercmp too; a missing (or empty) epoch is 0
        int byEpoch = rpmvercmp(aColon > 0 ? a : "0", 0, aColon > 0 ? aColon : 1,
                bColon > 0 ? b : "0", 0, bColon > 0 ? bColon : 1);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int aHyphen = a.lastIndexOf('-');
        int bHyphen = b.lastIndexOf('-');
        boolean aRelease = aHyphen > aColon;
        boolean bRelease = bHyphen > bColon;
        int byVersion = rpmvercmp(a, aColon + 1, aRelease ? aHyphen : a.length(),
                b, bColon + 1, bRelease ? bHyphen : b.length());
        if (byVersion != 0 || !aRelease || !bRelease) {
            return byVersion;
        }
        return rpmvercmp(a, aHyphen + 1, a.length(), b, bHyphen + 1, b.length());
    }

    /** rpm's rpmvercmp (rpmio/rpmvercmp.c) on whole strings. */
    static int rpmvercmp(String a, String b) {
        return rpmvercmp(a, 0, a.length(), b, 0, b.length());
    }

    /**
     * rpm's rpmvercmp on {@code a[one, aEnd)} and {@code b[two, bEnd)}: segments of letters or digits, anything else
     * separates; '~' sorts before everything (even the end), '^' after the end but before anything else; a digit
     * segment beats a letter segment; digits compare as numbers of any length, letters as ASCII.
     */
    static int rpmvercmp(String a, int one, int aEnd, String b, int two, int bEnd) {
        if (aEnd - one == bEnd - two && a.regionMatches(one, b, two, aEnd - one)) {
            return 0;
        }
        while (one < aEnd || two < bEnd) {
            while (one < aEnd && isSeparator(a.charAt(one))) {
                one++;
            }
            while (two < bEnd && isSeparator(b.charAt(two))) {
                two++;
            }
            char c1 = one < aEnd ? a.charAt(one) : 0;
            char c2 = two < bEnd ? b.charAt(two) : 0;
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
            boolean numeric = Digits.isDigit(c1);
            int end1 = segmentEnd(a, one, aEnd, numeric);
            int end2 = segmentEnd(b, two, bEnd, numeric);
            if (end2 == two) {
                // one side numeric, the other alpha: numeric segments are newer
                return numeric ? 1 : -1;
            }
            int rc = numeric ? Digits.compare(a, one, end1, b, two, end2) : compareLetters(a, one, end1, b, two, end2);
            if (rc != 0) {
                return rc;
            }
            one = end1;
            two = end2;
        }
        boolean oneDone = one >= aEnd;
        boolean twoDone = two >= bEnd;
        if (oneDone && twoDone) {
            return 0;
        }
        return oneDone ? -1 : 1;
    }

    private static int compareLetters(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        int length = Math.min(aEnd - aStart, bEnd - bStart);
        for (int k = 0; k < length; k++) {
            int c = Integer.compare(a.charAt(aStart + k), b.charAt(bStart + k));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(aEnd - aStart, bEnd - bStart);
    }

    private static int segmentEnd(String s, int from, int end, boolean numeric) {
        int i = from;
        while (i < end && (numeric ? Digits.isDigit(s.charAt(i)) : Digits.isLetter(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return !Digits.isDigit(c) && !Digits.isLetter(c) && c != '~' && c != '^';
    }
}
