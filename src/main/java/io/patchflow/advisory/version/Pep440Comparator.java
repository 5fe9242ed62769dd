package io.patchflow.advisory.version;

import java.util.List;

/**
 * PyPI's ordering, PEP 440 as {@code packaging.version.Version} implements it (the differential test checks it
 * against Debian's python3-packaging): epoch, then the release with trailing zeros ignored, then a dev-only release
 * before its pre-releases (a < b < rc) before the release, then post-releases after it, dev releases of a pre or
 * post release before it, and finally the local label ("1.0+local" after "1.0"; numeric parts after alphanumeric
 * ones, numerically). Text that is not a PEP 440 version (legacy PyPI versions) falls back to rpm's segment
 * comparison rather than failing a whole assessment.
 */
final class Pep440Comparator implements VersionComparator {

    @Override
    public String name() {
        return "pep440";
    }

    @Override
    public int compare(String left, String right) {
        Pep440Version a = Pep440Version.parse(left);
        Pep440Version b = Pep440Version.parse(right);
        if (a == null || b == null) {
            return RpmVersionComparator.rpmvercmp(left, right);
        }
        int c = Digits.compare(a.epoch, b.epoch);
        if (c == 0) {
            c = compareRelease(a.release, b.release);
        }
        if (c == 0) {
            c = Integer.compare(preRank(a), preRank(b));
        }
        if (c == 0 && a.preKind != Pep440Version.NO_PRE && preRank(a) == a.preKind) {
            c = Digits.compare(a.preNumber, b.preNumber);
        }
        if (c == 0) {
            // no post release sorts before any post release
            c = compareOptional(a.postNumber, b.postNumber, -1);
        }
        if (c == 0) {
            // no dev release sorts after any dev release
            c = compareOptional(a.devNumber, b.devNumber, 1);
        }
        if (c == 0) {
            c = compareLocal(a.local, b.local);
        }
        return c;
    }

    /** Release numbers, trailing zeros ignored: a shorter release that is a prefix of the other sorts first. */
    private static int compareRelease(List<String> a, List<String> b) {
        int lengthA = significantLength(a);
        int lengthB = significantLength(b);
        for (int i = 0; i < Math.min(lengthA, lengthB); i++) {
            int c = Digits.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(lengthA, lengthB);
    }

    private static int significantLength(List<String> release) {
        int length = release.size();
        while (length > 0 && isZero(release.get(length - 1))) {
            length--;
        }
        return length;
    }

    private static boolean isZero(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** A dev-only release (no pre, no post) before every pre-release; no pre-release after every pre-release. */
    private static int preRank(Pep440Version v) {
        if (v.preKind == Pep440Version.NO_PRE && v.postNumber == null && v.devNumber != null) {
            return -1;
        }
        return v.preKind;
    }

    /** Compares optional numbers; an absent one sorts {@code absent} (-1 first, 1 last). */
    private static int compareOptional(String a, String b, int absent) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : (a == null ? absent : -absent);
        }
        return Digits.compare(a, b);
    }

    /** No local label first; then part by part: words (alphabetically) before numbers (numerically); prefix first. */
    private static int compareLocal(List<String> a, List<String> b) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : (a == null ? -1 : 1);
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean xNumber = isNumber(x);
            boolean yNumber = isNumber(y);
            int c;
            if (xNumber && yNumber) {
                c = Digits.compare(x, y);
            } else if (xNumber != yNumber) {
                c = xNumber ? 1 : -1;
            } else {
                c = Integer.signum(x.compareTo(y));
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean isNumber(String part) {
        for (int i = 0; i < part.length(); i++) {
            if (!Pep440Version.isDigit(part.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
