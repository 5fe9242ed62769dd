package io.patchflow.change;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A change as {@code GET /api/v1/changes/{id}} shows it. {@code activeSteps} are the engine's current steps. */
public record ChangeView(String id, String title, String requestedBy, ChangeState state, String stage,
        String priority, LocalDate slaDue, String changeType, String policyReason, Ticket ticket,
        List<String> advisories, List<String> scope, int affectedHosts, Instant windowStart, String outcome,
        String processInstanceId, List<String> activeSteps, Instant createdAt, Instant updatedAt, Instant closedAt) {

    public record Ticket(String system, String key, String url) {
    }
}
