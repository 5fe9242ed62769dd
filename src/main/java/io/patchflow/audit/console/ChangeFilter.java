package io.patchflow.audit.console;

import static io.patchflow.shared.DateParameters.instant;

import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The console's filter over all changes, running and finished; every criterion optional. {@code host} and
 * {@code advisory} match exactly (an advisory also by one of its aliases, such as a CVE id); {@code approver} is
 * anyone who approved or voted; {@code from}/{@code to} bound the request time ({@code to} a date includes that day).
 */
record ChangeFilter(String state, String priority, String changeType, String host, String advisory, String approver,
        Instant from, Instant to, Boolean slaBreached, int page, int size) {

    static final int MAX_SIZE = 200;
    private static final Set<String> STATES = Set.of("REQUESTED", "EVALUATED", "IN_TEST", "AWAITING_APPROVAL",
            "APPROVED", "SCHEDULED", "ROLLING_OUT", "ROLLOUT_HALTED", "VERIFYING", "REMEDIATION", "RISK_ACCEPTED",
            "IN_REVIEW", "CLOSED", "REJECTED", "CANCELLED", "ABORTED", "NOT_AFFECTED");
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    private static final Set<String> TYPES = Set.of("standard", "normal", "emergency");

    ChangeFilter {
        state = oneOf("state", upper(state), STATES);
        priority = oneOf("priority", upper(priority), PRIORITIES);
        changeType = oneOf("changeType", changeType == null ? null : changeType.toLowerCase(Locale.ROOT), TYPES);
        host = limited("host", host);
        advisory = limited("advisory", advisory);
        approver = limited("approver", approver);
        if (page < 0) {
            throw new BadInputException("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadInputException("size", "size must be between 1 and " + MAX_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadInputException("to", "to must be later than from");
        }
    }

    static ChangeFilter of(String state, String priority, String changeType, String host, String advisory,
            String approver, String from, String to, Boolean slaBreached, int page, int size) {
        return new ChangeFilter(blank(state), blank(priority), blank(changeType), blank(host), blank(advisory),
                blank(approver), instant("from", from, false), instant("to", to, true), slaBreached, page, size);
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new BadInputException(field, field + " must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    private static String limited(String field, String value) {
        if (value != null && value.length() > 255) {
            throw new BadInputException(field, field + " is longer than 255 characters");
        }
        return value;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
