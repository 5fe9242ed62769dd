package io.patchflow.audit.internal;

import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A compliance officer's filter over the whole log; every criterion is optional. {@code to} is exclusive. */
record AuditSearch(String changeId, String kind, String actor, Instant from, Instant to, int page, int size) {

    static final int MAX_SIZE = 500;

    AuditSearch {
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

    /** Reads {@code from} and {@code to} as ISO instants or ISO dates; a date {@code to} includes that whole day. */
    static AuditSearch of(String changeId, String kind, String actor, String from, String to, int page, int size) {
        return new AuditSearch(blankToNull(changeId), blankToNull(kind), blankToNull(actor),
                bound("from", from, false), bound("to", to, true), page, size);
    }

    long offset() {
        return (long) page * size;
    }

    private static Instant bound(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException(field, field + " must be an ISO-8601 date (2025-01-31) or instant "
                    + "(2025-01-31T12:00:00Z), not '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
