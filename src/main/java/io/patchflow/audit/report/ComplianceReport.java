package io.patchflow.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/reports/compliance}: what auditors ask for, as of one moment. Durations are in
 * days (one decimal); a rate is null when nothing was due yet. docs/compliance.md defines every figure.
 */
record ComplianceReport(Instant asOf, String hostPrefix, List<PriorityFigures> byPriority, Compliance sla,
        Compliance kev, List<OverdueFinding> overdueFindings, List<OpenAcceptance> openRiskAcceptances,
        List<LateApproval> approvalsAfterImplementation, List<MissingReview> emergencyChangesWithoutReview) {

    /** Per priority: mean time to patch (resolved findings), average age of the unpatched, and SLA compliance. */
    record PriorityFigures(String priority, int patched, Double meanTimeToPatchDays, int unpatched,
            Double averageUnpatchedDays, Compliance sla) {
    }

    /** Findings whose due date has passed or that were resolved ({@code requiring}), and those resolved in time. */
    record Compliance(int requiring, int compliant, Double rate) {
    }

    record OverdueFinding(String host, String packageName, String advisory, String priority, LocalDate slaDue,
            long daysOverdue, boolean inKev, LocalDate kevDue) {
    }

    record OpenAcceptance(String changeId, String acceptedBy, String justification, Instant acceptedAt,
            LocalDate expiresOn, long daysLeft, List<String> hosts) {
    }

    /** An approval recorded after the change's production rollout began: approval did not come first. */
    record LateApproval(String changeId, String kind, String actor, Instant approvedAt, Instant implementedAt) {
    }

    /** An emergency change implemented in production with no post-implementation review on record. */
    record MissingReview(String changeId, String title, String state, Instant implementedAt) {
    }
}
