package io.patchflow.change.internal;

import static io.patchflow.change.internal.HumanTasks.*;

import io.patchflow.shared.BadInputException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * Server-side validation of what a person submits for a task, whatever the client (Tasklist, engine REST, the
 * Patchflow API): the forms check too, but only this check counts. Returns the values in their proper types.
 */
public final class TaskInput {

    /** A risk may be accepted for at most a year; after that it must be decided again. */
    static final int MAX_RISK_ACCEPTANCE_DAYS = 365;

    private final Map<String, Object> values;

    private TaskInput(Map<String, Object> values) {
        this.values = values;
    }

    public static TaskInput of(Map<String, Object> values) {
        return new TaskInput(values);
    }

    /** Checks the fields the task needs; throws naming the first field that is wrong. */
    public TaskInput validateFor(String taskKey) {
        switch (taskKey) {
            case SIGN_OFF_TEST -> {
                oneOf(TEST_RESULT, Set.of("passed", "failed"));
                text(TEST_EVIDENCE, 5);
            }
            case CAB_VOTE, ECAB_VOTE -> {
                oneOf(VOTE, Set.of("approve", "reject"));
                text(REASON, 3);
            }
            case OVERRIDE_FREEZE -> {
                bool(OVERRIDE);
                text(JUSTIFICATION, 10);
            }
            case FAILED_ROLLOUT -> {
                oneOf(DECISION, Set.of("retry", "abort"));
                text(REASON, 3);
            }
            case REMEDIATE -> {
                oneOf(DECISION, Set.of("retry", "accept-risk"));
                text(JUSTIFICATION, 10);
                if ("accept-risk".equals(string(DECISION))) {
                    expiresOn();
                }
            }
            case REVIEW -> text(REVIEW_NOTES, 10);
            case PROMOTE_RING -> bool(PROMOTE_FIELD);
            default -> {
            }
        }
        return this;
    }

    public String string(String field) {
        Object value = values.get(field);
        return value == null ? null : value.toString().trim();
    }

    public String oneOf(String field, Set<String> allowed) {
        String value = string(field);
        if (value == null || !allowed.contains(value)) {
            throw new BadInputException(field, field + " must be one of " + allowed.stream().sorted().toList()
                    + (value == null ? "" : ", not '" + value + "'"));
        }
        return value;
    }

    public String text(String field, int minLength) {
        String value = string(field);
        if (value == null || value.length() < minLength) {
            throw new BadInputException(field, field + " is required (at least " + minLength + " characters)");
        }
        if (value.length() > 4000) {
            throw new BadInputException(field, field + " must be at most 4000 characters");
        }
        return value;
    }

    public boolean bool(String field) {
        Object value = values.get(field);
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw new BadInputException(field, field + " must be true or false");
    }

    /** The expiry of a risk acceptance: a date after today, at most a year ahead. */
    public LocalDate expiresOn() {
        Object value = values.get(EXPIRES_ON);
        LocalDate date;
        try {
            if (value instanceof Date d) {
                date = d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            } else if (value != null) {
                String text = value.toString();
                date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            } else {
                throw new BadInputException(EXPIRES_ON, "expiresOn is required when the risk is accepted (ISO date)");
            }
        } catch (DateTimeParseException e) {
            throw new BadInputException(EXPIRES_ON, "expiresOn must be an ISO date such as 2027-01-31, not '" + value
                    + "'");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (!date.isAfter(today) || date.isAfter(today.plusDays(MAX_RISK_ACCEPTANCE_DAYS))) {
            throw new BadInputException(EXPIRES_ON, "expiresOn must be after today and at most "
                    + MAX_RISK_ACCEPTANCE_DAYS + " days ahead");
        }
        return date;
    }
}
