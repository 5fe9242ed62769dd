package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditVerification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an evidence export reads from the log: entries with their chain positions (a verifier needs {@code seq} to
 * recompute a hash), the head, the latest seal and the state of the whole chain, all as of the moment of export.
 */
@Component
public class EvidenceSource {

    /** An entry with its position in the chain. */
    public record ChainedEntry(long seq, AuditEntry entry) {
    }

    /** The chain as an export saw it: its end, its latest seal (if any) and whether it verified. */
    public record ChainState(long headSeq, String headHash, Optional<Checkpoint> latestSeal,
            AuditVerification verification) {
    }

    private final JdbcClient jdbc;
    private final ChainHead head;
    private final CheckpointStore checkpoints;
    private final ChainVerifier verifier;

    EvidenceSource(JdbcClient jdbc, ChainHead head, CheckpointStore checkpoints, ChainVerifier verifier) {
        this.jdbc = jdbc;
        this.head = head;
        this.checkpoints = checkpoints;
        this.verifier = verifier;
    }

    /** Up to {@code limit} entries of one change, in chain order. */
    @Transactional(readOnly = true)
    public List<ChainedEntry> ofChange(String changeId, int limit) {
        return jdbc.sql("SELECT " + AuditEntryStore.COLUMNS + " FROM audit_entry WHERE change_id = :changeId "
                + "ORDER BY seq FETCH FIRST " + limit + " ROWS ONLY")
                .param("changeId", changeId)
                .query((rs, row) -> chained(AuditEntryStore.stored(rs)))
                .list();
    }

    /** Up to {@code limit} entries recorded in [from, to), in chain order. */
    @Transactional(readOnly = true)
    public List<ChainedEntry> between(Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT " + AuditEntryStore.COLUMNS + " FROM audit_entry WHERE recorded_at >= :from "
                + "AND recorded_at < :to ORDER BY seq FETCH FIRST " + limit + " ROWS ONLY")
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((rs, row) -> chained(AuditEntryStore.stored(rs)))
                .list();
    }

    @Transactional(readOnly = true)
    public ChainState state() {
        Optional<Checkpoint> seal = checkpoints.latest();
        ChainHead.Link end = head.read();
        return new ChainState(end.seq(), end.hash(), seal, verifier.verify());
    }

    private static ChainedEntry chained(StoredEntry stored) {
        return new ChainedEntry(stored.seq(), stored.entry());
    }
}
