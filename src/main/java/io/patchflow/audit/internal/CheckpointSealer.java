package io.patchflow.audit.internal;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals the current end of the chain with an HMAC. A later verification that finds the chain shorter than a seal,
 * or a different hash at the sealed position, knows entries were removed or rewritten.
 */
@Component
class CheckpointSealer {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSealer.class);

    private final ChainHead head;
    private final AuditEntryStore entries;
    private final CheckpointStore checkpoints;
    private final CheckpointSignature signature;

    CheckpointSealer(ChainHead head, AuditEntryStore entries, CheckpointStore checkpoints,
            AuditProperties properties) {
        this.head = head;
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.signature = properties.sealsCheckpoints() ? new CheckpointSignature(properties.keyBytes()) : null;
        if (signature == null) {
            log.warn("Audit checkpoints are off: no HMAC key is configured, so a truncated audit log cannot be "
                    + "detected. Set the environment variable PATCHFLOW_AUDIT_HMAC_KEY (property "
                    + "patchflow.audit.hmac-key) to a secret of at least {} characters.",
                    AuditProperties.MINIMUM_KEY_LENGTH);
        }
    }

    /** Writes a checkpoint for the current end of the chain, unless there is no key or nothing new to seal. */
    @Transactional
    public Optional<Checkpoint> seal() {
        if (signature == null) {
            return Optional.empty();
        }
        // The head lock keeps appends and other instances' sealers out while this seal is taken.
        ChainHead.Link last = head.lock();
        boolean alreadySealed = checkpoints.latest().map(c -> c.seq() >= last.seq()).orElse(last.seq() == 0);
        if (alreadySealed) {
            return Optional.empty();
        }
        StoredEntry sealed = entries.atSeq(last.seq()).orElseThrow(() -> new IllegalStateException(
                "The audit chain head points at position " + last.seq() + ", which has no entry"));
        Instant sealedAt = EntryHash.truncate(Instant.now());
        Checkpoint checkpoint = new Checkpoint(last.seq(), sealed.entry().id(), last.hash(), sealedAt,
                signature.sign(last.seq(), last.hash(), sealedAt));
        checkpoints.insert(checkpoint);
        // Also in the log, which lives outside the database: a copy an intruder in the database cannot reach.
        log.info("Audit checkpoint sealed: seq={} entry={} hash={} sealedAt={} hmac={}", checkpoint.seq(),
                checkpoint.entryId(), checkpoint.hash(), checkpoint.sealedAt(), checkpoint.hmac());
        return Optional.of(checkpoint);
    }
}
