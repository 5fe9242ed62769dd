package io.patchflow.advisory.scan.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * One vocabulary for severities: {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code NONE} or
 * {@code UNKNOWN} (the scanners write {@code Medium}, {@code medium}, {@code MODERATE}, {@code Info}...), and CVSS
 * base scores kept to one decimal between 0 and 10.
 */
final class Severities {

    private Severities() {
    }

    static String normalize(String severity) {
        if (severity == null || severity.isBlank()) {
            return null;
        }
        String upper = severity.strip().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNKNOWN" -> upper;
            case "MODERATE" -> "MEDIUM";
            case "INFO", "INFORMATIONAL", "LOG", "NEGLIGIBLE" -> "NONE";
            default -> "UNKNOWN";
        };
    }

    /** The CVSS v3 qualitative rating of a score: how scanners that only give a number are put into words. */
    static String ofScore(BigDecimal score) {
        if (score == null) {
            return null;
        }
        double s = score.doubleValue();
        if (s >= 9.0) {
            return "CRITICAL";
        }
        if (s >= 7.0) {
            return "HIGH";
        }
        if (s >= 4.0) {
            return "MEDIUM";
        }
        return s > 0 ? "LOW" : "NONE";
    }

    /** The score rounded to one decimal; scores outside 0..10 are not CVSS scores and are dropped. */
    static BigDecimal score(BigDecimal score) {
        if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.TEN) > 0) {
            return null;
        }
        return score.setScale(1, RoundingMode.HALF_UP);
    }

    static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
