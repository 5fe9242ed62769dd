package io.patchflow.advisory.version;

/**
 * Alpine's ordering, with the semantics of apk-tools' {@code src/version.c} (the current tokenizer, which knows
 * commit hashes): {@code digit{.digit}...{letter}{_suffix{number}}...{~hash}{-rN}}.
 *
 * <p>Both versions are read token by token while the tokens are of the same kind and equal. The first number compares
 * numerically; later numbers too, unless either starts with '0', then as strings ("1.02" < "1.1", as Gentoo does).
 * Suffixes order {@code _alpha < _beta < _pre < _rc <} (none) {@code < _cvs < _svn < _git < _hg < _p}; hashes
 * compare as strings; {@code -rN} numerically. When one version runs out of tokens first, the longer one is greater
 * unless its next token is a pre-release suffix; otherwise the token kinds decide (a later kind in the grammar is
 * lower, the end of the string lowest of all, a malformed rest below even that). No string is refused and nothing
 * is allocated per comparison: the fleet matcher compares millions of versions.
 */
final class AlpineVersionComparator implements VersionComparator {

    private static final int INITIAL_DIGIT = 0;
    private static final int DIGIT = 1;
    private static final int LETTER = 2;
    private static final int SUFFIX = 3;
    private static final int SUFFIX_NO = 4;
    private static final int COMMIT_HASH = 5;
    private static final int REVISION_NO = 6;
    private static final int END = 7;
    private static final int INVALID = 8;

    /** Suffix ranks; {@link #NO_SUFFIX} separates pre-release suffixes (below) from post-release ones (above). */
    private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int NO_SUFFIX = 4;

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public int compare(String left, String right) {
        Tokens a = new Tokens(left);
        Tokens b = new Tokens(right);
        a.first();
        b.first();
        while (a.token == b.token && a.token < END) {
            int c = compareTokens(a, b);
            if (c != 0) {
                return c;
            }
            a.next();
            b.next();
        }
        if (a.token == b.token) {
            return 0;
        }
        if (a.token == SUFFIX && a.suffix < NO_SUFFIX) {
            return -1;
        }
        if (b.token == SUFFIX && b.suffix < NO_SUFFIX) {
            return 1;
        }
        return a.token > b.token ? -1 : 1;
    }

    private static int compareTokens(Tokens a, Tokens b) {
        switch (a.token) {
            case DIGIT:
                if (a.text.charAt(a.start) == '0' || b.text.charAt(b.start) == '0') {
                    return compareText(a, b);
                }
                return Long.compareUnsigned(a.number, b.number);
            case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO:
                return Long.compareUnsigned(a.number, b.number);
            case LETTER:
                return Integer.compare(a.text.charAt(a.start), b.text.charAt(b.start));
            case SUFFIX:
                return Integer.compare(a.suffix, b.suffix);
            default:
                return compareText(a, b);
        }
    }

    /** apk's blob sort: byte by byte over the common length, then the shorter first. */
    private static int compareText(Tokens a, Tokens b) {
        int lengthA = a.end - a.start;
        int lengthB = b.end - b.start;
        for (int i = 0; i < Math.min(lengthA, lengthB); i++) {
            int c = Integer.compare(a.text.charAt(a.start + i), b.text.charAt(b.start + i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(lengthA, lengthB);
    }

    /** The tokenizer state of one version: the current token's kind, its text span, number and suffix rank. */
    private static final class Tokens {
        private final String text;
        private int position;
        int token;
        int start;
        int end;
        long number;
        int suffix;

        Tokens(String text) {
            this.text = text;
        }

        void first() {
            token = INITIAL_DIGIT;
            digits();
        }

        void next() {
            if (position >= text.length()) {
                token = END;
                return;
            }
            char c = text.charAt(position);
            if (c >= 'a' && c <= 'z') {
                if (token > DIGIT) {
                    token = INVALID;
                    return;
                }
                start = position;
                end = ++position;
                token = LETTER;
            } else if (c == '.' || isDigit(c)) {
                if (c == '.') {
                    if (token > DIGIT) {
                        token = INVALID;
                        return;
                    }
                    position++;
                }
                if (token == INITIAL_DIGIT || token == DIGIT) {
                    token = DIGIT;
                } else if (token == SUFFIX) {
                    token = SUFFIX_NO;
                } else {
                    token = INVALID;
                    return;
                }
                digits();
            } else if (c == '_') {
                if (token > SUFFIX_NO) {
                    token = INVALID;
                    return;
                }
                start = ++position;
                while (position < text.length() && text.charAt(position) >= 'a' && text.charAt(position) <= 'z') {
                    position++;
                }
                end = position;
                suffix = suffixRank();
                token = suffix < 0 ? INVALID : SUFFIX;
            } else if (c == '~') {
                if (token >= COMMIT_HASH) {
                    token = INVALID;
                    return;
                }
                start = ++position;
                while (position < text.length() && isHexDigit(text.charAt(position))) {
                    position++;
                }
                end = position;
                token = end == start ? INVALID : COMMIT_HASH;
            } else if (c == '-' && token < REVISION_NO && text.startsWith("-r", position)) {
                position += 2;
                token = REVISION_NO;
                digits();
            } else {
                token = INVALID;
            }
        }

        /** A run of digits as an unsigned 64-bit number (wrapping as apk's does); no digits make the token invalid. */
        private void digits() {
            start = position;
            long value = 0;
            while (position < text.length() && isDigit(text.charAt(position))) {
                value = value * 10 + (text.charAt(position++) - '0');
            }
            end = position;
            number = value;
            if (end == start) {
                token = INVALID;
            }
        }

        private int suffixRank() {
            for (int rank = 0; rank < SUFFIXES.length; rank++) {
                String suffix = SUFFIXES[rank];
                if (rank != NO_SUFFIX && suffix.length() == end - start
                        && text.regionMatches(start, suffix, 0, suffix.length())) {
                    return rank;
                }
            }
            return -1;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f');
    }
}
