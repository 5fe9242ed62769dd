package io.patchflow.change.calendar;

import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.util.List;

/** A change freeze for a host group ({@code *}: all): no change starts between startsAt and endsAt. */
public record Blackout(Long id, String name, String hostGroup, Instant startsAt, Instant endsAt, String reason) {

    public Blackout {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInputException("name", "name is required (at most 200 characters)");
        }
        if (hostGroup == null || hostGroup.isBlank()) {
            throw new BadInputException("hostGroup", "hostGroup is required ('*' for every group)");
        }
        if (startsAt == null) {
            throw new BadInputException("startsAt", "startsAt is required (ISO-8601 instant)");
        }
        if (endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new BadInputException("endsAt", "endsAt is required and must be after startsAt");
        }
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("reason", "reason is required: say why changes are frozen");
        }
    }

    public boolean appliesTo(List<String> groups) {
        return MaintenanceWindow.EVERY_GROUP.equals(hostGroup) || groups.contains(hostGroup);
    }

    public boolean covers(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }
}
