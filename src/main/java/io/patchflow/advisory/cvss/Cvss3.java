package io.patchflow.advisory.cvss;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CVSS v3.0/v3.1 base score of a vector, computed with the formulas of the FIRST specification (v3.1 section 7.1
 * and Appendix A). v3.1 vectors use the v3.1 Roundup, which works on integers to avoid floating-point surprises;
 * v3.0 vectors use the v3.0 definition (the smallest one-decimal number not below the input).
 */
public final class Cvss3 {

    private static final List<String> BASE_METRICS = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");
    /** Temporal and environmental metrics may appear in a vector; they do not change the base score. */
    private static final Set<String> OTHER_METRICS = Set.of("E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MPR",
            "MUI", "MS", "MC", "MI", "MA");
    private static final Map<String, Map<String, Double>> WEIGHTS = Map.of(
            "AV", Map.of("N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2),
            "AC", Map.of("L", 0.77, "H", 0.44),
            "UI", Map.of("N", 0.85, "R", 0.62),
            "C", Map.of("H", 0.56, "L", 0.22, "N", 0.0),
            "I", Map.of("H", 0.56, "L", 0.22, "N", 0.0),
            "A", Map.of("H", 0.56, "L", 0.22, "N", 0.0));

    private Cvss3() {
    }

    /** Whether the text claims to be a CVSS v3 vector (it may still be malformed). */
    public static boolean isV3(String vector) {
        return vector != null && (vector.startsWith("CVSS:3.1/") || vector.startsWith("CVSS:3.0/"));
    }

    /**
     * The base score, 0.0 to 10.0 with one decimal.
     *
     * @throws IllegalArgumentException naming what is wrong with the vector
     */
    public static BigDecimal baseScore(String vector) {
        if (!isV3(vector)) {
            throw new IllegalArgumentException("not a CVSS v3 vector (expected CVSS:3.1/... or CVSS:3.0/...)");
        }
        boolean v31 = vector.startsWith("CVSS:3.1/");
        Map<String, String> metrics = metrics(vector.substring("CVSS:3.x/".length()));
        boolean scopeChanged = "C".equals(metrics.get("S"));
        double iss = 1 - (1 - weight(metrics, "C")) * (1 - weight(metrics, "I")) * (1 - weight(metrics, "A"));
        double impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * weight(metrics, "AV") * weight(metrics, "AC")
                * privileges(metrics.get("PR"), scopeChanged) * weight(metrics, "UI");
        double score;
        if (impact <= 0) {
            score = 0;
        } else if (scopeChanged) {
            score = roundup(Math.min(1.08 * (impact + exploitability), 10), v31);
        } else {
            score = roundup(Math.min(impact + exploitability, 10), v31);
        }
        return BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP);
    }

    /** Roundup as the specification defines it (v3.1 Appendix A; v3.0 section 7.4). */
    static double roundup(double input, boolean v31) {
        if (!v31) {
            return Math.ceil(input * 10) / 10.0;
        }
        long intInput = Math.round(input * 100000);
        if (intInput % 10000 == 0) {
            return intInput / 100000.0;
        }
        return (Math.floor(intInput / 10000.0) + 1) / 10.0;
    }

    private static Map<String, String> metrics(String body) {
        Map<String, String> metrics = new HashMap<>();
        for (String part : body.split("/")) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new IllegalArgumentException("malformed metric '" + part + "'");
            }
            String name = part.substring(0, colon);
            if (!BASE_METRICS.contains(name) && !OTHER_METRICS.contains(name)) {
                throw new IllegalArgumentException("unknown metric '" + name + "'");
            }
            if (metrics.put(name, part.substring(colon + 1)) != null) {
                throw new IllegalArgumentException("metric '" + name + "' appears twice");
            }
        }
        for (String name : BASE_METRICS) {
            if (!metrics.containsKey(name)) {
                throw new IllegalArgumentException("base metric '" + name + "' is missing");
            }
        }
        if (!Set.of("U", "C").contains(metrics.get("S"))) {
            throw new IllegalArgumentException("S must be U or C, not '" + metrics.get("S") + "'");
        }
        if (!Set.of("N", "L", "H").contains(metrics.get("PR"))) {
            throw new IllegalArgumentException("PR must be N, L or H, not '" + metrics.get("PR") + "'");
        }
        return metrics;
    }

    private static double weight(Map<String, String> metrics, String name) {
        Double weight = WEIGHTS.get(name).get(metrics.get(name));
        if (weight == null) {
            throw new IllegalArgumentException("metric " + name + " has no value '" + metrics.get(name) + "'");
        }
        return weight;
    }

    private static double privileges(String value, boolean scopeChanged) {
        return switch (value) {
            case "N" -> 0.85;
            case "L" -> scopeChanged ? 0.68 : 0.62;
            default -> scopeChanged ? 0.5 : 0.27;
        };
    }
}
