package io.patchflow.shared;

/**
 * A governance rule refuses the action (separation of duties, a change freeze): answered as 403 with the rule's
 * name, so the person knows which rule stopped them and that it was not a technical fault.
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;

    public RuleViolationException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
