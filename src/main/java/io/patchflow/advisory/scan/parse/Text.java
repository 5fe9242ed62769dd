package io.patchflow.advisory.scan.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text helpers shared by the parsers. */
final class Text {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private Text() {
    }

    /**
     * Trims, turns blank into null and replaces control characters (Grype has been seen to report a version with a
     * NUL byte in it, which PostgreSQL cannot store) by U+FFFD, so the value stays visibly odd rather than silently
     * altered.
     */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            if (control && out == null) {
                out = new StringBuilder(trimmed.substring(0, i));
            }
            if (out != null) {
                out.append(control ? '\uFFFD' : c);
            }
        }
        return out == null ? trimmed : out.toString();
    }

    /** The first line of a description, at most 200 characters: a title for scanners that give none. */
    static String firstLine(String text) {
        String clean = clean(text);
        if (clean == null) {
            return null;
        }
        String line = clean.lines().findFirst().orElse(clean).strip();
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    /**
     * The product of a CPE name, in either binding: {@code cpe:/a:php:php:5.1.6} and
     * {@code cpe:2.3:a:php:php:5.1.6:*:...} give {@code php}; Nessus's {@code p-cpe:/a:debian:debian_linux:openssl}
     * (a package CPE) gives {@code openssl}. Null when it is not a CPE.
     */
    static String cpeProduct(String cpe) {
        String clean = clean(cpe);
        if (clean == null) {
            return null;
        }
        String[] parts;
        if (clean.startsWith("cpe:2.3:")) {
            parts = clean.substring("cpe:2.3:".length()).split(":");
            return parts.length >= 3 && !parts[2].equals("*") ? clean(parts[2]) : null;
        }
        boolean packageCpe = clean.startsWith("p-cpe:/");
        if (!clean.startsWith("cpe:/") && !packageCpe) {
            return null;
        }
        parts = clean.substring(clean.indexOf('/') + 1).split(":");
        int product = packageCpe && parts.length >= 4 ? 3 : 2;
        return parts.length > product ? clean(parts[product]) : null;
    }

    static boolean isCve(String id) {
        return id != null && CVE.matcher(id).matches();
    }

    /** Every CVE id mentioned in the text, in order, without repeats. */
    static List<String> cves(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = CVE.matcher(text);
        while (matcher.find()) {
            if (!found.contains(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    /** The first capture of {@code pattern} in {@code text}, cleaned, or null. */
    static String first(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? clean(matcher.group(1)) : null;
    }
}
