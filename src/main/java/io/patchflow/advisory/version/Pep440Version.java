package io.patchflow.advisory.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A version parsed by PEP 440's grammar (the pattern of {@code packaging.version}, case-insensitive, surrounding
 * whitespace and a leading "v" allowed): {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}, with the spellings the
 * PEP normalises (alpha, beta, c, pre, preview, rev, r, "-N" as post release, optional separators and numbers). A
 * hand-written scanner rather than a regular expression: the fleet matcher compares millions of versions.
 */
final class Pep440Version {

    static final int NO_PRE = Integer.MAX_VALUE;

    final String epoch;
    final List<String> release;
    /** 0 = a, 1 = b, 2 = rc; {@link #NO_PRE} when there is none. */
    final int preKind;
    final String preNumber;
    final String postNumber;
    final String devNumber;
    /** Local label parts: digit strings (numbers) and lower-case words; null when there is no local label. */
    final List<String> local;

    private Pep440Version(String epoch, List<String> release, int preKind, String preNumber, String postNumber,
            String devNumber, List<String> local) {
        this.epoch = epoch;
        this.release = release;
        this.preKind = preKind;
        this.preNumber = preNumber;
        this.postNumber = postNumber;
        this.devNumber = devNumber;
        this.local = local;
    }

    /** The parsed version, or null when the text is not a PEP 440 version. */
    static Pep440Version parse(String text) {
        return new Scanner(text.strip()).version();
    }

    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        Pep440Version version() {
            if (i < s.length() && (s.charAt(i) == 'v' || s.charAt(i) == 'V')) {
                i++;
            }
            String first = digits();
            if (first == null) {
                return null;
            }
            String epoch = "0";
            if (i < s.length() && s.charAt(i) == '!') {
                i++;
                epoch = first;
                first = digits();
                if (first == null) {
                    return null;
                }
            }
            List<String> release = new ArrayList<>(4);
            release.add(first);
            while (i + 1 < s.length() && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                i++;
                release.add(digits());
            }
            int preKind = NO_PRE;
            String preNumber = null;
            int mark = i;
            skipSeparator();
            int kind = preLabel();
            if (kind >= 0) {
                preKind = kind;
                preNumber = optionalNumber();
            } else {
                i = mark;
            }
            String postNumber = post();
            String devNumber = null;
            mark = i;
            skipSeparator();
            if (keyword("dev")) {
                devNumber = optionalNumber();
            } else {
                i = mark;
            }
            List<String> local = null;
            if (i < s.length() && s.charAt(i) == '+') {
                i++;
                local = local();
                if (local == null) {
                    return null;
                }
            }
            return i == s.length()
                    ? new Pep440Version(epoch, release, preKind, preNumber, postNumber, devNumber, local) : null;
        }

        /** "-N", or [sep](post|rev|r)[sep][N]; null when there is no post release. */
        private String post() {
            int mark = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
                String n = digits();
                if (n != null) {
                    return n;
                }
                i = mark;
            }
            skipSeparator();
            if (keyword("post") || keyword("rev") || keyword("r")) {
                return optionalNumber();
            }
            i = mark;
            return null;
        }

        /** The pre-release label in the pattern's order of alternatives: alpha|a|beta|b|preview|pre|c|rc. */
        private int preLabel() {
            if (keyword("alpha") || keyword("a")) {
                return 0;
            }
            if (keyword("beta") || keyword("b")) {
                return 1;
            }
            if (keyword("preview") || keyword("pre") || keyword("c") || keyword("rc")) {
                return 2;
            }
            return -1;
        }

        /** [sep][N], the number 0 when absent. */
        private String optionalNumber() {
            int mark = i;
            skipSeparator();
            String n = digits();
            if (n == null) {
                i = mark;
                skipSeparator();
                return "0";
            }
            return n;
        }

        private List<String> local() {
            List<String> parts = new ArrayList<>(2);
            while (true) {
                int start = i;
                while (i < s.length() && isAlphanumeric(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                parts.add(s.substring(start, i).toLowerCase(java.util.Locale.ROOT));
                if (i + 1 < s.length() && isSeparator(s.charAt(i)) && isAlphanumeric(s.charAt(i + 1))) {
                    i++;
                } else {
                    return parts;
                }
            }
        }

        private boolean keyword(String word) {
            if (s.regionMatches(true, i, word, 0, word.length())) {
                i += word.length();
                return true;
            }
            return false;
        }

        private void skipSeparator() {
            if (i < s.length() && isSeparator(s.charAt(i))) {
                i++;
            }
        }

        private String digits() {
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            return i == start ? null : s.substring(start, i);
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
