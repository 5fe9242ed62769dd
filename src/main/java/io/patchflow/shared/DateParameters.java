package io.patchflow.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Date-range parameters of the read APIs: an ISO instant, or an ISO date meaning that day in UTC. */
public final class DateParameters {

    private DateParameters() {
    }

    /**
     * Null for a missing value; a date is its day's start, or with {@code endOfDay} the next day's start (so
     * {@code to=2026-01-31} includes the 31st). Anything else is a 400 naming {@code field}.
     */
    public static Instant instant(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new BadInputException(field, "'" + value + "' is neither an ISO date (2026-01-31) nor an ISO "
                        + "instant (2026-01-31T12:00:00Z)");
            }
        }
    }
}
