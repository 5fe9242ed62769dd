package io.patchflow.change.calendar;

import io.patchflow.shared.BadInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A weekly maintenance window of a host group ({@code *}: every group): on {@code days} at {@code start} local
 * time in {@code timeZone}, for {@code durationMinutes}. No new batch starts in the last {@code cutoffMinutes}.
 */
public record MaintenanceWindow(Long id, String name, String hostGroup, String timeZone, List<DayOfWeek> days,
        LocalTime start, int durationMinutes, int cutoffMinutes) {

    public static final String EVERY_GROUP = "*";

    public MaintenanceWindow {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInputException("name", "name is required (at most 200 characters)");
        }
        if (hostGroup == null || hostGroup.isBlank()) {
            throw new BadInputException("hostGroup", "hostGroup is required ('*' for every group)");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new BadInputException("timeZone", "timeZone must be an IANA time zone such as Europe/Berlin, not '"
                    + timeZone + "'");
        }
        if (days == null || days.isEmpty()) {
            throw new BadInputException("daysOfWeek", "daysOfWeek must name at least one day, e.g. [\"SATURDAY\"]");
        }
        if (start == null) {
            throw new BadInputException("start", "start is required, as HH:mm local time");
        }
        if (durationMinutes < 1 || durationMinutes > 7 * 24 * 60) {
            throw new BadInputException("durationMinutes", "durationMinutes must be between 1 and 10080 (a week)");
        }
        if (cutoffMinutes < 0 || cutoffMinutes >= durationMinutes) {
            throw new BadInputException("cutoffMinutes", "cutoffMinutes must be at least 0 and less than the duration");
        }
        days = List.copyOf(days);
    }

    public static List<DayOfWeek> parseDays(List<String> names) {
        if (names == null) {
            return List.of();
        }
        return names.stream().map(n -> {
            try {
                return DayOfWeek.valueOf(n.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("daysOfWeek", "'" + n + "' is not a day of the week (MONDAY..SUNDAY)");
            }
        }).distinct().toList();
    }

    public boolean appliesTo(List<String> groups) {
        return EVERY_GROUP.equals(hostGroup) || groups.contains(hostGroup);
    }

    /** The occurrence that contains {@code t} before its cut-off, as [start, end), or null. */
    public Occurrence openAt(Instant t) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate date = t.atZone(zone).toLocalDate();
        int spanDays = (int) Math.ceil(durationMinutes / 1440.0);
        for (int back = 0; back <= spanDays; back++) {
            LocalDate day = date.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Occurrence occurrence = occurrenceOn(day, zone);
            if (!t.isBefore(occurrence.start()) && t.isBefore(occurrence.cutoff())) {
                return occurrence;
            }
        }
        return null;
    }

    /** Occurrence starts from {@code from} (inclusive) for the next {@code horizonDays} days. */
    public List<Instant> startsBetween(Instant from, int horizonDays) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate first = from.atZone(zone).toLocalDate();
        return first.datesUntil(first.plusDays(horizonDays + 1L))
                .filter(d -> days.contains(d.getDayOfWeek()))
                .map(d -> occurrenceOn(d, zone).start())
                .filter(s -> !s.isBefore(from))
                .toList();
    }

    private Occurrence occurrenceOn(LocalDate day, ZoneId zone) {
        Instant begin = ZonedDateTime.of(day, start, zone).toInstant();
        Instant end = begin.plusSeconds(durationMinutes * 60L);
        return new Occurrence(begin, end, end.minusSeconds(cutoffMinutes * 60L));
    }

    /** One window occurrence: from start, no new batch after cutoff, over at end. */
    public record Occurrence(Instant start, Instant end, Instant cutoff) {
    }
}
