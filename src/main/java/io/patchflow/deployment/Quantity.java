package io.patchflow.deployment;

import io.patchflow.shared.BadInputException;

/** A host count ("3") or a share of a whole ("25%"), as rollout plans write batch sizes and budgets. */
public record Quantity(int value, boolean percent) {

    public static Quantity parse(String field, String text) {
        String trimmed = text == null ? "" : text.trim();
        boolean percent = trimmed.endsWith("%");
        String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        try {
            int value = Integer.parseInt(number);
            if (value < 0 || (percent && value > 100)) {
                throw new NumberFormatException();
            }
            return new Quantity(value, percent);
        } catch (NumberFormatException e) {
            throw new BadInputException(field, field + " must be a whole number of hosts or a percentage from 0% to "
                    + "100%, not '" + text + "'");
        }
    }

    /** For sizes: a share rounds up and is at least one host (a 10% canary of 5 hosts is still one host). */
    public int atLeastOneOf(int total) {
        if (total == 0) {
            return 0;
        }
        int n = percent ? (int) Math.ceil(total * value / 100.0) : value;
        return Math.max(1, Math.min(n, total));
    }

    /** For budgets: a share rounds down, so "5%" of 10 hosts tolerates no failure. */
    public int floorOf(int total) {
        return percent ? (int) Math.floor(total * value / 100.0) : value;
    }
}
