package io.patchflow.audit.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One row of the console's change list; {@code slaBreached}: not closed by its SLA due date (or still open past it). */
record ChangeSummary(String id, String title, String state, String stage, String priority, String changeType,
        LocalDate slaDue, boolean slaBreached, String requestedBy, Instant createdAt, Instant closedAt,
        String ticketKey, List<String> advisories) {

    record Page(List<ChangeSummary> changes, int page, int size, long total) {
    }
}
