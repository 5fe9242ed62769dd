package io.patchflow.advisory.version;

/**
 * Digit runs compared as unbounded non-negative numbers, in place: leading zeros skipped, then the longer run is
 * larger, then the first differing digit decides. No parsing into int or long (dates, snapshot stamps and hashes
 * overflow them) and no substrings: the comparators run millions of times per assessment.
 */
final class Digits {

    private Digits() {
    }

    /** Compares {@code a[aStart, aEnd)} with {@code b[bStart, bEnd)}: runs of ASCII digits, an empty run being 0. */
    static int compare(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        while (aStart < aEnd && a.charAt(aStart) == '0') {
            aStart++;
        }
        while (bStart < bEnd && b.charAt(bStart) == '0') {
            bStart++;
        }
        int byLength = Integer.compare(aEnd - aStart, bEnd - bStart);
        if (byLength != 0) {
            return byLength;
        }
        for (; aStart < aEnd; aStart++, bStart++) {
            int c = Integer.compare(a.charAt(aStart), b.charAt(bStart));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares two whole strings of digits. */
    static int compare(String a, String b) {
        return compare(a, 0, a.length(), b, 0, b.length());
    }

    /** The end of the run of ASCII digits starting at {@code from}. */
    static int runEnd(String s, int from, int limit) {
        int i = from;
        while (i < limit && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
