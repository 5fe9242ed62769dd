package io.patchflow.advisory.version;

import java.util.Random;

/**
 * Random Debian versions that dpkg accepts, built to hit the hard parts of its ordering: epochs (with leading zeros),
 * '~' before everything, '+' and '.' after letters, hyphens inside the upstream part when there is a revision,
 * colons in the upstream part when there is an epoch, letters against digits, leading zeros, long digit runs,
 * absent revisions and revision "0".
 */
final class DpkgVersions {

    private static final String[] EPOCHS = {"0", "1", "2", "01", "00", "10", "9"};
    private static final String UPSTREAM_SYMBOLS = ".+~";
    private static final String LETTERS = "abczABZ";

    private final Random random;
    private final int maxDigits;

    /** @param maxDigits the longest digit run to produce */
    DpkgVersions(Random random, int maxDigits) {
        this.random = random;
        this.maxDigits = maxDigits;
    }

    String next() {
        StringBuilder v = new StringBuilder();
        boolean epoch = random.nextInt(4) == 0;
        if (epoch) {
            v.append(EPOCHS[random.nextInt(EPOCHS.length)]).append(':');
        }
        boolean revision = random.nextInt(10) < 6;
        v.append(digits());
        for (int parts = random.nextInt(7); parts > 0; parts--) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                v.append(digits());
            } else if (kind < 6) {
                v.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            } else if (kind < 9) {
                v.append(UPSTREAM_SYMBOLS.charAt(random.nextInt(UPSTREAM_SYMBOLS.length())));
            } else if (revision) {
                v.append('-');
            } else if (epoch) {
                v.append(':');
            }
        }
        if (revision) {
            v.append('-').append(revisionPart());
        }
        return v.toString();
    }

    private String revisionPart() {
        return switch (random.nextInt(8)) {
            case 0 -> "0";
            case 1 -> digits() + "~deb" + random.nextInt(13) + "u" + random.nextInt(12);
            case 2 -> digits() + "+b" + random.nextInt(3);
            case 3 -> "~" + LETTERS.charAt(random.nextInt(LETTERS.length()));
            case 4 -> digits() + "ubuntu" + digits() + "." + digits();
            default -> {
                StringBuilder r = new StringBuilder(digits());
                for (int i = random.nextInt(3); i > 0; i--) {
                    r.append(".+~".charAt(random.nextInt(3))).append(random.nextBoolean() ? digits() : "a");
                }
                yield r.toString();
            }
        };
    }

    private String digits() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return "0" + random.nextInt(100);
        }
        if (kind == 1) {
            StringBuilder run = new StringBuilder();
            for (int n = 1 + random.nextInt(maxDigits); n > 0; n--) {
                run.append((char) ('0' + random.nextInt(10)));
            }
            return run.toString();
        }
        return String.valueOf(random.nextInt(kind < 6 ? 10 : 1000));
    }

    /** A near neighbour, so that equal and almost equal pairs are common; still a version dpkg accepts. */
    String neighbour(String version) {
        int at = version.indexOf(':') + 1 + random.nextInt(version.length() - version.indexOf(':'));
        String head = version.substring(0, at);
        String tail = version.substring(at);
        String candidate = switch (random.nextInt(8)) {
            case 0 -> version;
            case 1 -> head + "~" + tail;
            case 2 -> head + "0" + tail;
            case 3 -> version + (random.nextBoolean() ? "~1" : "+b1");
            case 4 -> version.contains(":") ? version.substring(version.indexOf(':') + 1) : "0:" + version;
            case 5 -> version.contains("-") ? version : version + "-0";
            case 6 -> head + "." + tail;
            default -> head + LETTERS.charAt(random.nextInt(LETTERS.length())) + tail;
        };
        return isValid(candidate) ? candidate : version;
    }

    /** What dpkg accepts: digits-only epoch, upstream starting with a digit, a non-empty revision after a hyphen. */
    static boolean isValid(String version) {
        int colon = version.indexOf(':');
        String upstream = version.substring(colon + 1);
        if (colon == 0 || (colon > 0 && !version.substring(0, colon).chars().allMatch(Character::isDigit))) {
            return false;
        }
        int hyphen = upstream.lastIndexOf('-');
        String revision = hyphen < 0 ? "" : upstream.substring(hyphen + 1);
        String up = hyphen < 0 ? upstream : upstream.substring(0, hyphen);
        return !up.isEmpty() && Character.isDigit(up.charAt(0)) && (hyphen < 0 || !revision.isEmpty())
                && up.chars().allMatch(c -> isAsciiAlphanumeric(c) || ".+~-:".indexOf(c) >= 0)
                && revision.chars().allMatch(c -> isAsciiAlphanumeric(c) || ".+~".indexOf(c) >= 0);
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
