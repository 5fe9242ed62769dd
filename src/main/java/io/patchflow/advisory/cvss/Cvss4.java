package io.patchflow.advisory.cvss;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CVSS v4.0 scores exactly as FIRST's calculator computes them (specification section 8): the vector falls into a
 * MacroVector (six equivalence classes, EQ1-EQ6) whose score is looked up; the score is then lowered by the mean,
 * over the classes that have a lower neighbour, of "distance to the next lower MacroVector" times "how far the vector
 * sits below its class's highest-severity vector, as a share of the class depth", and rounded half up to one decimal.
 * The arithmetic runs on doubles in the calculator's order, and ties at .x5 round up as the calculator rounds them.
 */
public final class Cvss4 {

    private static final List<String> IMPACT_METRICS = List.of("VC", "VI", "VA", "SC", "SI", "SA");
    /** Severity levels, in steps of 0.1 (0 = most severe); the distances of section 8.2 are their differences. */
    private static final Map<String, Map<String, Double>> LEVELS = Map.ofEntries(
            Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
            Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
            Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
            Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
            Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
            Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("E", Map.of("A", 0.0, "P", 0.1, "U", 0.2)));
    private static final double STEP = 0.1;
    /**
     * Added before rounding half up, as the reference calculator does since its rounding fix of November 2024: the
     * double arithmetic leaves true ties such as 8.55 one ulp below (8.549999999999999), which must round up.
     */
    private static final double TIE_LIFT = 1e-6;

    private Cvss4() {
    }

    /** Whether the text claims to be a CVSS v4.0 vector (it may still be malformed). */
    public static boolean isV4(String vector) {
        return vector != null && vector.startsWith(Cvss4Vector.PREFIX);
    }

    /**
     * The CVSS-B score: the base metrics only; threat, environmental and supplemental metrics in the vector are
     * checked but do not count (as Cvss3 ignores temporal and environmental metrics).
     *
     * @throws IllegalArgumentException naming what is wrong with the vector
     */
    public static BigDecimal baseScore(String vector) {
        return score(Cvss4Vector.parse(vector).baseOnly());
    }

    /**
     * The score of the whole vector (CVSS-B, -BT, -BE or -BTE, whichever metrics it carries): what FIRST's calculator
     * shows for it.
     *
     * @throws IllegalArgumentException naming what is wrong with the vector
     */
    public static BigDecimal score(String vector) {
        return score(Cvss4Vector.parse(vector));
    }

    static BigDecimal score(Cvss4Vector vector) {
        if (IMPACT_METRICS.stream().allMatch(metric -> "N".equals(vector.effective(metric)))) {
            return BigDecimal.valueOf(0, 1);
        }
        int[] eq = equivalenceClasses(vector);
        double value = Cvss4Tables.macroVectorScore(macroVector(eq));

        double lowerEq1 = lower(eq, 0);
        double lowerEq2 = lower(eq, 1);
        double lowerEq3Eq6 = lowerEq3Eq6(eq);
        double lowerEq4 = lower(eq, 3);
        double lowerEq5 = lower(eq, 4);

        Map<String, Double> distances = distancesToHighestSeverityVector(vector, eq);
        double distanceEq1 = distances.get("AV") + distances.get("PR") + distances.get("UI");
        double distanceEq2 = distances.get("AC") + distances.get("AT");
        double distanceEq3Eq6 = distances.get("VC") + distances.get("VI") + distances.get("VA") + distances.get("CR")
                + distances.get("IR") + distances.get("AR");
        double distanceEq4 = distances.get("SC") + distances.get("SI") + distances.get("SA");

        Mean mean = new Mean();
        mean.add(value - lowerEq1, distanceEq1 / (Cvss4Tables.EQ1_DEPTH[eq[0]] * STEP));
        mean.add(value - lowerEq2, distanceEq2 / (Cvss4Tables.EQ2_DEPTH[eq[1]] * STEP));
        mean.add(value - lowerEq3Eq6, distanceEq3Eq6 / (Cvss4Tables.EQ3_EQ6_DEPTH[eq[2]][eq[5]] * STEP));
        mean.add(value - lowerEq4, distanceEq4 / (Cvss4Tables.EQ4_DEPTH[eq[3]] * STEP));
        // EQ5 (exploit maturity) has a single value per level: its proportion is always 0
        mean.add(value - lowerEq5, 0);

        double score = Math.max(0, Math.min(10, value - mean.value()));
        return BigDecimal.valueOf(Math.round((score + TIE_LIFT) * 10), 1);
    }

    /** The mean of "available distance x proportion" over the classes whose next lower MacroVector exists. */
    private static final class Mean {
        private double sum;
        private int count;

        void add(double availableDistance, double proportion) {
            if (!Double.isNaN(availableDistance)) {
                sum += availableDistance * proportion;
                count++;
            }
        }

        double value() {
            return count == 0 ? 0 : sum / count;
        }
    }

    /** EQ1..EQ6 of the vector (specification section 8.2, Table 24-29). */
    static int[] equivalenceClasses(Cvss4Vector v) {
        String av = v.effective("AV");
        String pr = v.effective("PR");
        String ui = v.effective("UI");
        int eq1;
        if ("N".equals(av) && "N".equals(pr) && "N".equals(ui)) {
            eq1 = 0;
        } else if (("N".equals(av) || "N".equals(pr) || "N".equals(ui)) && !"P".equals(av)) {
            eq1 = 1;
        } else {
            eq1 = 2;
        }
        int eq2 = "L".equals(v.effective("AC")) && "N".equals(v.effective("AT")) ? 0 : 1;
        String vc = v.effective("VC");
        String vi = v.effective("VI");
        String va = v.effective("VA");
        int eq3;
        if ("H".equals(vc) && "H".equals(vi)) {
            eq3 = 0;
        } else if ("H".equals(vc) || "H".equals(vi) || "H".equals(va)) {
            eq3 = 1;
        } else {
            eq3 = 2;
        }
        int eq4;
        if ("S".equals(v.effective("SI")) || "S".equals(v.effective("SA"))) {
            eq4 = 0;
        } else if ("H".equals(v.effective("SC")) || "H".equals(v.effective("SI")) || "H".equals(v.effective("SA"))) {
            eq4 = 1;
        } else {
            eq4 = 2;
        }
        int eq5 = switch (v.effective("E")) {
            case "A" -> 0;
            case "P" -> 1;
            default -> 2;
        };
        boolean requirementMeetsImpact = ("H".equals(v.effective("CR")) && "H".equals(vc))
                || ("H".equals(v.effective("IR")) && "H".equals(vi))
                || ("H".equals(v.effective("AR")) && "H".equals(va));
        int eq6 = requirementMeetsImpact ? 0 : 1;
        return new int[] {eq1, eq2, eq3, eq4, eq5, eq6};
    }

    private static String macroVector(int[] eq) {
        StringBuilder text = new StringBuilder(6);
        for (int level : eq) {
            text.append(level);
        }
        return text.toString();
    }

    /** The score of the MacroVector one step lower in one class (NaN when there is none). */
    private static double lower(int[] eq, int index) {
        int[] next = eq.clone();
        next[index]++;
        return Cvss4Tables.macroVectorScore(macroVector(next));
    }

    /** EQ3 and EQ6 move together: 00 has two lower neighbours (01 and 10, the higher-scored counts), 01 -> 11,
     * 10 -> 11, 11 -> 21, and 21 has none. */
    private static double lowerEq3Eq6(int[] eq) {
        int eq3 = eq[2];
        int eq6 = eq[5];
        if (eq3 == 0 && eq6 == 0) {
            return Math.max(withEq3Eq6(eq, 0, 1), withEq3Eq6(eq, 1, 0));
        }
        if (eq3 == 1 && eq6 == 0) {
            return withEq3Eq6(eq, 1, 1);
        }
        if (eq6 == 1 && eq3 < 2) {
            return withEq3Eq6(eq, eq3 + 1, 1);
        }
        return Double.NaN;
    }

    private static double withEq3Eq6(int[] eq, int eq3, int eq6) {
        int[] next = eq.clone();
        next[2] = eq3;
        next[5] = eq6;
        return Cvss4Tables.macroVectorScore(macroVector(next));
    }

    /**
     * The distances (per metric, in levels of 0.1) from the first highest-severity vector of the vector's MacroVector
     * that is at least as severe as the vector in every metric, in the calculator's order of candidates.
     */
    private static Map<String, Double> distancesToHighestSeverityVector(Cvss4Vector vector, int[] eq) {
        Map<String, Double> distances = null;
        for (String eq1 : Cvss4Tables.EQ1_MAX[eq[0]]) {
            for (String eq2 : Cvss4Tables.EQ2_MAX[eq[1]]) {
                for (String eq3 : Cvss4Tables.EQ3_EQ6_MAX[eq[2]][eq[5]]) {
                    for (String eq4 : Cvss4Tables.EQ4_MAX[eq[3]]) {
                        for (String eq5 : Cvss4Tables.EQ5_MAX[eq[4]]) {
                            distances = distances(vector, String.join("/", eq1, eq2, eq3, eq4, eq5));
                            if (distances.values().stream().allMatch(d -> d >= 0)) {
                                return distances;
                            }
                        }
                    }
                }
            }
        }
        // as in the calculator, the last candidate's distances when none dominates (does not happen for valid input)
        return distances;
    }

    private static Map<String, Double> distances(Cvss4Vector vector, String highest) {
        Map<String, String> max = new HashMap<>();
        for (String part : highest.split("/")) {
            int colon = part.indexOf(':');
            max.put(part.substring(0, colon), part.substring(colon + 1));
        }
        Map<String, Double> distances = new HashMap<>();
        LEVELS.forEach((metric, levels) -> distances.put(metric,
                levels.get(vector.effective(metric)) - levels.get(max.get(metric))));
        return distances;
    }
}
