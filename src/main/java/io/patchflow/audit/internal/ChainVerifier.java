package io.patchflow.audit.internal;

import io.patchflow.audit.AuditVerification;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Walks the chain from the first entry to the head as last committed, recomputing every hash and link, then checks
 * that the latest sealed checkpoint is still part of the chain and carries a valid HMAC.
 */
@Component
class ChainVerifier {

    private static final int BATCH = 500;

    private final ChainHead head;
    private final AuditEntryStore entries;
    private final CheckpointStore checkpoints;
    private final CheckpointSignature signature;

    ChainVerifier(ChainHead head, AuditEntryStore entries, CheckpointStore checkpoints, AuditProperties properties) {
        this.head = head;
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.signature = properties.sealsCheckpoints() ? new CheckpointSignature(properties.keyBytes()) : null;
    }

    AuditVerification verify() {
        return verify(null);
    }

    /**
     * As {@link #verify()}, and also checks that the chain still holds {@code anchor}: a position and hash kept
     * outside the database (an exported pack's head, a sealed checkpoint from the log). Someone who can rewrite the
     * database can also remove seals, but not the copies an auditor holds.
     */
    AuditVerification verify(ChainHead.Link anchor) {
        // The seal is read before the head: a seal never lies beyond the head it was taken at, and the head only
        // grows, so one written while this runs cannot look like a seal beyond the end of the chain.
        Optional<Checkpoint> latestSeal = checkpoints.latest();
        // Entries up to the head are committed (the head moves in the appending transaction), so entries that
        // appear while the walk runs are left for the next verification instead of being reported as gaps.
        ChainHead.Link end = head.read();
        Walk walk = new Walk();
        List<StoredEntry> batch;
        do {
            batch = entries.batch(walk.lastSeq, end.seq(), BATCH);
            batch.forEach(walk::check);
        } while (batch.size() == BATCH);
        if (walk.problem != null) {
            return AuditVerification.broken(walk.count, walk.brokenEntry, walk.problem);
        }
        if (walk.lastSeq != end.seq() || !walk.lastHash.equals(end.hash())) {
            return AuditVerification.broken(walk.count, null, "The chain ends at position " + walk.lastSeq
                    + " but its head records position " + end.seq() + ": entries are missing at the end.");
        }
        return latestSeal.flatMap(seal -> checkSeal(seal, walk.count, end))
                .or(() -> anchor == null ? Optional.empty() : checkAnchor(anchor, walk.count, end))
                .orElse(AuditVerification.intact(walk.count));
    }

    private Optional<AuditVerification> checkAnchor(ChainHead.Link anchor, long count, ChainHead.Link end) {
        if (anchor.seq() > end.seq()) {
            return Optional.of(AuditVerification.broken(count, null, "The chain ends at position " + end.seq()
                    + " but the anchor given records position " + anchor.seq() + ": entries were removed from the end."));
        }
        if (anchor.seq() < 1) {
            return Optional.empty();
        }
        Optional<StoredEntry> at = entries.atSeq(anchor.seq());
        if (at.map(e -> e.entry().hash().equals(anchor.hash())).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(AuditVerification.broken(count, at.map(e -> e.entry().id()).orElse(null), "The entry at "
                + "position " + anchor.seq() + " does not have the anchor's hash: the chain was rewritten."));
    }

    private Optional<AuditVerification> checkSeal(Checkpoint seal, long count, ChainHead.Link end) {
        if (seal.seq() > end.seq()) {
            return Optional.of(AuditVerification.broken(count, seal.entryId(), "Checkpoint sealed at position "
                    + seal.seq() + " (entry " + seal.entryId() + ") but the chain ends at position " + end.seq()
                    + ": entries were removed from the end."));
        }
        boolean covered = entries.atSeq(seal.seq())
                .map(e -> e.entry().id() == seal.entryId() && e.entry().hash().equals(seal.hash()))
                .orElse(false);
        if (!covered) {
            return Optional.of(AuditVerification.broken(count, seal.entryId(), "The entry at position " + seal.seq()
                    + " is not the one sealed by the latest checkpoint: the chain was rewritten."));
        }
        if (signature != null && !signature.verifies(seal)) {
            return Optional.of(AuditVerification.broken(count, seal.entryId(), "The latest checkpoint (position "
                    + seal.seq() + ") has an invalid HMAC: it was not written with this installation's key."));
        }
        return Optional.empty();
    }

    /** The state of one walk: where it stands and the first break found. */
    private static final class Walk {

        long lastSeq;
        String lastHash = EntryHash.GENESIS;
        long count;
        Long brokenEntry;
        String problem;

        void check(StoredEntry stored) {
            count++;
            // After the first break the walk goes on only to count: every later link is suspect anyway.
            if (problem == null) {
                problem = problemOf(stored);
                brokenEntry = problem == null ? null : stored.entry().id();
            }
            lastSeq = stored.seq();
            lastHash = stored.entry().hash();
        }

        private String problemOf(StoredEntry stored) {
            long id = stored.entry().id();
            if (stored.seq() != lastSeq + 1) {
                return "Entry " + id + " is at position " + stored.seq() + " but position " + (lastSeq + 1)
                        + " comes first: entries are missing before it.";
            }
            if (!stored.entry().previousHash().equals(lastHash)) {
                return "Entry " + id + " does not link to the entry before it: an entry was replaced or reordered.";
            }
            if (stored.entry().inputs() == null || stored.entry().outcome() == null) {
                return "Entry " + id + " was altered: its inputs or outcome are no longer valid JSON.";
            }
            if (!stored.hashedFields().compute().equals(stored.entry().hash())) {
                return "Entry " + id + " was altered: its contents no longer match its hash.";
            }
            return null;
        }
    }
}
