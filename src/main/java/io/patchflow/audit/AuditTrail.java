package io.patchflow.audit;

import java.util.List;

/** The append-only, hash-chained decision log. */
public interface AuditTrail {

    /** Appends in the caller's transaction: the entry exists exactly when the decision it records committed. */
    AuditEntry record(AuditRecord record);

    /**
     * Appends when the caller's transaction commits, in the order recorded, or at once when there is none. The
     * chain's lock is then held only for the moment of the commit, not for the whole of a long process job, which
     * is what keeps many parallel jobs from queueing behind one another. Rolled back with the caller.
     */
    void recordAtCommit(AuditRecord record);

    /**
     * Appends in a transaction of its own, for refusals: the action is rolled back, the attempt stays on record.
     */
    AuditEntry recordIndependently(AuditRecord record);

    /** The entries of one change, oldest first. */
    List<AuditEntry> forChange(String changeId);

    /** Recomputes every hash; reports the first entry whose hash or link does not match. */
    AuditVerification verify();

    /**
     * As {@link #verify()}, and also checks that the entry at position {@code anchorSeq} still has the hash
     * {@code anchorHash}: a point of the chain known from outside the database (an exported pack, a logged seal).
     */
    AuditVerification verify(long anchorSeq, String anchorHash);
}
