package io.patchflow.audit;

import java.util.List;

/** The append-only, hash-chained decision log. */
public interface AuditTrail {

    /** Appends in the caller's transaction: the entry exists exactly when the decision it records committed. */
    AuditEntry record(AuditRecord record);

    /**
     * Appends in a transaction of its own, for refusals: the action is rolled back, the attempt stays on record.
     */
    AuditEntry recordIndependently(AuditRecord record);

    /** The entries of one change, oldest first. */
    List<AuditEntry> forChange(String changeId);

    /** Recomputes every hash; reports the first entry whose hash or link does not match. */
    AuditVerification verify();
}
