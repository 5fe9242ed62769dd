package io.patchflow.advisory.cvss;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed CVSS v4.0 vector: every metric of the specification (base, threat, environmental, supplemental) checked
 * against its allowed values, no metric twice, all eleven base metrics present. Metrics may come in any order: the
 * specification lists a preferred order, but real feeds (GitHub advisories among them) publish other orders.
 */
final class Cvss4Vector {

    static final String PREFIX = "CVSS:4.0/";

    static final List<String> BASE_METRICS = List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");

    private static final Map<String, Set<String>> ALLOWED = allowedValues();

    private final Map<String, String> metrics;

    private Cvss4Vector(Map<String, String> metrics) {
        this.metrics = metrics;
    }

    /**
     * Parses a vector.
     *
     * @throws IllegalArgumentException naming the metric or part that is wrong
     */
    static Cvss4Vector parse(String vector) {
        if (vector == null || !vector.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a CVSS v4.0 vector (expected CVSS:4.0/...)");
        }
        Map<String, String> metrics = new HashMap<>();
        for (String part : vector.substring(PREFIX.length()).split("/", -1)) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new IllegalArgumentException("malformed metric '" + part + "' (expected NAME:VALUE)");
            }
            String name = part.substring(0, colon);
            String value = part.substring(colon + 1);
            Set<String> allowed = ALLOWED.get(name);
            if (allowed == null) {
                throw new IllegalArgumentException("unknown CVSS v4.0 metric '" + name + "'");
            }
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException("metric " + name + " has no value '" + value + "' (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            if (metrics.put(name, value) != null) {
                throw new IllegalArgumentException("metric '" + name + "' appears twice");
            }
        }
        for (String name : BASE_METRICS) {
            if (!metrics.containsKey(name)) {
                throw new IllegalArgumentException("base metric '" + name + "' is missing");
            }
        }
        return new Cvss4Vector(metrics);
    }

    /** The same vector with only its base metrics: what the CVSS-B score is computed from. */
    Cvss4Vector baseOnly() {
        Map<String, String> base = new HashMap<>();
        BASE_METRICS.forEach(name -> base.put(name, metrics.get(name)));
        return new Cvss4Vector(base);
    }

    /**
     * The value scoring uses: a modified (environmental) metric replaces its base metric when defined; an undefined
     * Exploit Maturity counts as Attacked and undefined security requirements as High (the worst case, as the
     * specification prescribes).
     */
    String effective(String metric) {
        String value = metrics.getOrDefault(metric, "X");
        switch (metric) {
            case "E" -> {
                return "X".equals(value) ? "A" : value;
            }
            case "CR", "IR", "AR" -> {
                return "X".equals(value) ? "H" : value;
            }
            default -> {
                String modified = metrics.get("M" + metric);
                return modified == null || "X".equals(modified) ? value : modified;
            }
        }
    }

    private static Map<String, Set<String>> allowedValues() {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        allowed.put("AV", Set.of("N", "A", "L", "P"));
        allowed.put("AC", Set.of("L", "H"));
        allowed.put("AT", Set.of("N", "P"));
        allowed.put("PR", Set.of("N", "L", "H"));
        allowed.put("UI", Set.of("N", "P", "A"));
        for (String impact : List.of("VC", "VI", "VA", "SC", "SI", "SA")) {
            allowed.put(impact, Set.of("H", "L", "N"));
        }
        allowed.put("E", Set.of("X", "A", "P", "U"));
        for (String requirement : List.of("CR", "IR", "AR")) {
            allowed.put(requirement, Set.of("X", "H", "M", "L"));
        }
        allowed.put("MAV", Set.of("X", "N", "A", "L", "P"));
        allowed.put("MAC", Set.of("X", "L", "H"));
        allowed.put("MAT", Set.of("X", "N", "P"));
        allowed.put("MPR", Set.of("X", "N", "L", "H"));
        allowed.put("MUI", Set.of("X", "N", "P", "A"));
        for (String impact : List.of("MVC", "MVI", "MVA", "MSC")) {
            allowed.put(impact, Set.of("X", "H", "L", "N"));
        }
        // only the subsequent system's integrity and availability can be raised to Safety
        allowed.put("MSI", Set.of("X", "S", "H", "L", "N"));
        allowed.put("MSA", Set.of("X", "S", "H", "L", "N"));
        allowed.put("S", Set.of("X", "N", "P"));
        allowed.put("AU", Set.of("X", "N", "Y"));
        allowed.put("R", Set.of("X", "A", "U", "I"));
        allowed.put("V", Set.of("X", "D", "C"));
        allowed.put("RE", Set.of("X", "L", "M", "H"));
        allowed.put("U", Set.of("X", "Clear", "Green", "Amber", "Red"));
        return Map.copyOf(allowed);
    }
}
