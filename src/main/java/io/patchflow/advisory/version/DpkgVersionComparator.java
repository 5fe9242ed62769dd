package io.patchflow.advisory.version;

/**
 * Debian's version ordering, exactly as dpkg implements it ({@code lib/dpkg/version.c}): {@code [epoch:]upstream
 * [-revision]} (epoch up to the first ':', revision after the last '-'), compared epoch first, then upstream, then
 * revision, each with {@code verrevcmp}: alternating non-digit parts (character by character: '~' before the end,
 * the end before letters, letters before everything else) and digit parts (as numbers of any length, so dates and
 * snapshot stamps never overflow). A missing revision equals "0". Works on indexes into the strings, without
 * allocating: the fleet matcher compares millions of versions.
 */
final class DpkgVersionComparator implements VersionComparator {

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int compare(String left, String right) {
        String a = left.strip();
        String b = right.strip();
        int aColon = a.indexOf(':');
        int bColon = b.indexOf(':');
        int byEpoch = Digits.compare(a, 0, Math.max(aColon, 0), b, 0, Math.max(bColon, 0));
        if (byEpoch != 0) {
            return byEpoch;
        }
        int aHyphen = a.lastIndexOf('-');
        int bHyphen = b.lastIndexOf('-');
        if (aHyphen <= aColon) {
            aHyphen = -1;
        }
        if (bHyphen <= bColon) {
            bHyphen = -1;
        }
        int aUpstreamEnd = aHyphen < 0 ? a.length() : aHyphen;
        int bUpstreamEnd = bHyphen < 0 ? b.length() : bHyphen;
        int byUpstream = verrevcmp(a, aColon + 1, aUpstreamEnd, b, bColon + 1, bUpstreamEnd);
        if (byUpstream != 0) {
            return byUpstream;
        }
        return verrevcmp(a, aHyphen < 0 ? a.length() : aHyphen + 1, a.length(),
                b, bHyphen < 0 ? b.length() : bHyphen + 1, b.length());
    }

    /** dpkg's verrevcmp over {@code a[i, aEnd)} and {@code b[j, bEnd)}. */
    static int verrevcmp(String a, int i, int aEnd, String b, int j, int bEnd) {
        while (i < aEnd || j < bEnd) {
            while ((i < aEnd && !Digits.isDigit(a.charAt(i))) || (j < bEnd && !Digits.isDigit(b.charAt(j)))) {
                int ac = order(a, i, aEnd);
                int bc = order(b, j, bEnd);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            int aDigits = Digits.runEnd(a, Math.min(i, aEnd), aEnd);
            int bDigits = Digits.runEnd(b, Math.min(j, bEnd), bEnd);
            int c = Digits.compare(a, Math.min(i, aEnd), aDigits, b, Math.min(j, bEnd), bDigits);
            if (c != 0) {
                return c;
            }
            i = aDigits;
            j = bDigits;
        }
        return 0;
    }

    /** The weight dpkg gives a character: '~' before the end, the end before letters, letters before the rest. */
    private static int order(String s, int index, int end) {
        if (index >= end) {
            return 0;
        }
        char c = s.charAt(index);
        if (Digits.isDigit(c)) {
            return 0;
        }
        if (Digits.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }
}
