package io.patchflow.change.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Why memoising a decision table works for millions of findings: a numeric input (CVSS 0.0-10.0, EPSS with five
 * decimals) takes thousands of values, but a table that only compares it with literals ({@code >= 9.0},
 * {@code [4..7)}) cannot tell apart two values that lie on the same side of every literal. This maps each value to
 * one representative of its class (the literal itself, the midpoint between two neighbouring literals, or one beyond
 * the outermost), so that equal classes share one evaluation. A column whose entries use anything but numeric
 * literals and comparison/range/list syntax is left as it is: then every distinct value is evaluated.
 */
final class NumericClasses {

    /** Digits, signs, dots, comparison, range and list syntax: nothing that could name a variable or function. */
    private static final Pattern LITERALS_ONLY = Pattern.compile("[\\d\\s.,<>=\\[\\]()-]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Map<String, double[]> boundaries;

    private NumericClasses(Map<String, double[]> boundaries) {
        this.boundaries = boundaries;
    }

    /** The literals of each numeric input (by input expression) of the model's decision tables. */
    static NumericClasses of(DmnModelInstance model) {
        Map<String, double[]> boundaries = new HashMap<>();
        for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
            List<Input> inputs = new ArrayList<>(table.getInputs());
            for (int column = 0; column < inputs.size(); column++) {
                String type = inputs.get(column).getInputExpression().getTypeRef();
                if (!List.of("double", "integer", "long").contains(type)) {
                    continue;
                }
                TreeSet<Double> literals = new TreeSet<>();
                boolean simple = true;
                for (Rule rule : table.getRules()) {
                    InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(column);
                    String text = entry.getText() == null ? "" : entry.getText().getTextContent();
                    if (!LITERALS_ONLY.matcher(text).matches()) {
                        simple = false;
                        break;
                    }
                    Matcher number = NUMBER.matcher(text);
                    while (number.find()) {
                        literals.add(Double.parseDouble(number.group()));
                    }
                }
                if (simple) {
                    String name = inputs.get(column).getInputExpression().getText().getTextContent().trim();
                    boundaries.put(name, literals.stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
        }
        return new NumericClasses(boundaries);
    }

    /** The representative of the value's class for the named input; the value itself where the input is unknown. */
    Double representative(String input, Double value) {
        double[] literals = boundaries.get(input);
        if (value == null || literals == null) {
            return value;
        }
        if (literals.length == 0) {
            return 0.0;
        }
        double x = value;
        if (x < literals[0]) {
            return literals[0] - 1;
        }
        for (int i = 0; i < literals.length; i++) {
            if (x == literals[i]) {
                return literals[i];
            }
            if (i + 1 < literals.length && x < literals[i + 1]) {
                return (literals[i] + literals[i + 1]) / 2;
            }
        }
        return literals[literals.length - 1] + 1;
    }
}
