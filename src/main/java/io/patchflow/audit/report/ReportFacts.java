package io.patchflow.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The raw facts a compliance report is computed from, as the tables hold them. */
record ReportFacts(List<FindingFact> findings, List<AcceptanceFact> acceptances, List<ChangeFact> changes,
        List<DecisionFact> decisions) {

    /** A finding: when it was opened and resolved (null: still open), its SLA and KEV due dates. */
    record FindingFact(String host, String packageName, String advisory, String priority, Instant openedAt,
            Instant resolvedAt, LocalDate slaDue, boolean inKev, LocalDate kevDue) {
    }

    record AcceptanceFact(String changeId, String acceptedBy, String justification, Instant acceptedAt,
            LocalDate expiresOn, String hosts) {
    }

    record ChangeFact(String id, String title, String changeType, String state, String priority) {
    }

    /**
     * An audit entry that matters to the reports: approvals, rollout planning (with its stage), reviews. Position
     * in the chain orders them; times can tie.
     */
    record DecisionFact(String changeId, long seq, String kind, String actor, Instant at, String stage) {
    }
}
