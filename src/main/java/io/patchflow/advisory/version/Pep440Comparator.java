package io.patchflow.advisory.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simple model of PEP 440 ordering (epoch, release, pre, post, dev; local labels ignored): a dev release sorts
 * before its pre-releases, pre-releases before the release, post-releases after it. Versions that are not PEP 440
 * fall back to rpm's segment comparison. A later issue replaces it with the exact rules of {@code packaging}.
 */
final class Pep440Comparator implements VersionComparator {

    private static final Pattern PEP440 = Pattern.compile("^v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
            + "(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\\d*))?"
            + "(?:-(\\d+)|[-_.]?(?:post|rev|r)[-_.]?(\\d*))?"
            + "(?:[-_.]?(dev)[-_.]?(\\d*))?(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$");

    @Override
    public String name() {
        return "pep440";
    }

    @Override
    public int compare(String left, String right) {
        Matcher a = PEP440.matcher(left.strip().toLowerCase(Locale.ROOT));
        Matcher b = PEP440.matcher(right.strip().toLowerCase(Locale.ROOT));
        if (!a.matches() || !b.matches()) {
            return RpmVersionComparator.rpmvercmp(left, right);
        }
        int c = DpkgVersionComparator.compareDigits(orZero(a.group(1)), orZero(b.group(1)));
        if (c == 0) {
            c = compareRelease(a.group(2).split("\\."), b.group(2).split("\\."));
        }
        if (c == 0) {
            c = Integer.compare(preRank(a), preRank(b));
        }
        if (c == 0 && a.group(3) != null) {
            c = DpkgVersionComparator.compareDigits(orZero(a.group(4)), orZero(b.group(4)));
        }
        if (c == 0) {
            c = compareOptionalNumber(post(a), post(b), -1);
        }
        if (c == 0) {
            c = compareOptionalNumber(dev(a), dev(b), 1);
        }
        return c;
    }

    private static int compareRelease(String[] a, String[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int c = DpkgVersionComparator.compareDigits(i < a.length ? a[i] : "0", i < b.length ? b[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** dev-only releases first (-1), then a, b, rc (0..2), then no pre-release (3). */
    private static int preRank(Matcher m) {
        String pre = m.group(3);
        if (pre == null) {
            return m.group(7) != null && post(m) == null ? -1 : 3;
        }
        return switch (pre) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2;
        };
    }

    private static String post(Matcher m) {
        if (m.group(5) != null) {
            return m.group(5);
        }
        return m.group(6) == null ? null : orZero(m.group(6));
    }

    private static String dev(Matcher m) {
        return m.group(7) == null ? null : orZero(m.group(8));
    }

    /** A missing number sorts at {@code missing} (-1 before any number, 1 after any). */
    private static int compareOptionalNumber(String a, String b, int missing) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : (a == null ? missing : -missing);
        }
        return DpkgVersionComparator.compareDigits(a, b);
    }

    private static String orZero(String digits) {
        return digits == null || digits.isEmpty() ? "0" : digits;
    }
}
