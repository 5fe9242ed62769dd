package io.patchflow.advisory.version;

/**
 * Semantic Versioning 2.0.0 precedence (semver.org section 11): major.minor.patch numerically; a pre-release sorts
 * before its release; pre-release identifiers compare numerically when both are numeric, numeric ones before
 * alphanumeric ones, alphanumeric ones in ASCII order, and a longer list wins when all before are equal; build
 * metadata ("+...", Go's "+incompatible") is ignored. Tolerates what Go and npm data contain: a leading "v" and
 * missing minor/patch (taken as 0, Go's "v1.2" shorthand). OSV ranges of type SEMVER always use it. Works on indexes
 * into the strings, without allocating.
 */
final class SemverComparator implements VersionComparator {

    @Override
    public String name() {
        return "semver";
    }

    @Override
    public int compare(String left, String right) {
        Bounds a = new Bounds(left.strip());
        Bounds b = new Bounds(right.strip());
        int c = compareCore(a, b);
        if (c != 0) {
            return c;
        }
        boolean aPre = a.preStart >= 0;
        boolean bPre = b.preStart >= 0;
        if (!aPre || !bPre) {
            return aPre == bPre ? 0 : (aPre ? -1 : 1);
        }
        return comparePreRelease(a, b);
    }

    /** Where the parts of a version are: core [coreStart, coreEnd), pre-release [preStart, end) or none (-1). */
    private static final class Bounds {
        final String s;
        final int coreStart;
        final int coreEnd;
        final int preStart;
        final int end;

        Bounds(String s) {
            this.s = s;
            int start = !s.isEmpty() && (s.charAt(0) == 'v' || s.charAt(0) == 'V') ? 1 : 0;
            int plus = s.indexOf('+', start);
            int stop = plus < 0 ? s.length() : plus;
            int hyphen = s.indexOf('-', start);
            this.coreStart = start;
            this.end = stop;
            if (hyphen >= 0 && hyphen < stop) {
                this.coreEnd = hyphen;
                // "1.0.0-" has no pre-release identifiers: the same as "1.0.0"
                this.preStart = hyphen + 1 < stop ? hyphen + 1 : -1;
            } else {
                this.coreEnd = stop;
                this.preStart = -1;
            }
        }
    }

    /** Core parts pairwise, a missing part counting as 0; of each part only its leading digits count. */
    private static int compareCore(Bounds a, Bounds b) {
        int i = a.coreStart;
        int j = b.coreStart;
        while (i < a.coreEnd || j < b.coreEnd) {
            int iEnd = partEnd(a.s, i, a.coreEnd);
            int jEnd = partEnd(b.s, j, b.coreEnd);
            int c = Digits.compare(a.s, i, Digits.runEnd(a.s, i, iEnd), b.s, j, Digits.runEnd(b.s, j, jEnd));
            if (c != 0) {
                return c;
            }
            i = iEnd + 1;
            j = jEnd + 1;
        }
        return 0;
    }

    private static int comparePreRelease(Bounds a, Bounds b) {
        int i = a.preStart;
        int j = b.preStart;
        while (true) {
            boolean aDone = i > a.end;
            boolean bDone = j > b.end;
            if (aDone || bDone) {
                return aDone == bDone ? 0 : (aDone ? -1 : 1);
            }
            int iEnd = partEnd(a.s, i, a.end);
            int jEnd = partEnd(b.s, j, b.end);
            int c = compareIdentifiers(a.s, i, iEnd, b.s, j, jEnd);
            if (c != 0) {
                return c;
            }
            i = iEnd + 1;
            j = jEnd + 1;
        }
    }

    private static int compareIdentifiers(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        boolean aNumeric = aEnd > aStart && Digits.runEnd(a, aStart, aEnd) == aEnd;
        boolean bNumeric = bEnd > bStart && Digits.runEnd(b, bStart, bEnd) == bEnd;
        if (aNumeric && bNumeric) {
            return Digits.compare(a, aStart, aEnd, b, bStart, bEnd);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        int length = Math.min(aEnd - aStart, bEnd - bStart);
        for (int k = 0; k < length; k++) {
            int c = Integer.compare(a.charAt(aStart + k), b.charAt(bStart + k));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(aEnd - aStart, bEnd - bStart);
    }

    /** The end of the dot-separated part starting at {@code from}. */
    private static int partEnd(String s, int from, int limit) {
        int i = from;
        while (i < limit && s.charAt(i) != '.') {
            i++;
        }
        return i;
    }
}
