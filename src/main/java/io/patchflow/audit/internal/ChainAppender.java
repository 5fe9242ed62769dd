package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Adds entries at the end of the chain. Runs inside a transaction its caller opened.
 * <p>
 * The chain head stays locked from {@link ChainHead#lock} until that transaction commits, and every other appender
 * waits meanwhile (docs/benchmarks.md: under load this wait is where lifecycle jobs spend their database time). So
 * the JSON of an entry is put in canonical form before the lock is taken, and only what depends on the previous
 * entry (position, time, hash) is done while it is held.
 */
@Component
class ChainAppender {

    private final ChainHead head;
    private final AuditEntryStore entries;

    ChainAppender(ChainHead head, AuditEntryStore entries) {
        this.head = head;
        this.entries = entries;
    }

    /** Appends one entry and returns it as stored. */
    AuditEntry append(AuditRecord record) {
        Canonical canonical = Canonical.of(record);
        ChainHead.Link last = head.lock();
        Appended appended = insertAfter(last, canonical);
        head.advance(appended.link());
        EntryHash fields = appended.fields();
        return new AuditEntry(appended.id(), record.changeId(), fields.at(), record.kind(), record.actor(),
                record.summary(), record.reason(), CanonicalJson.read(canonical.inputs()),
                CanonicalJson.read(canonical.outcome()), last.hash(), appended.hash());
    }

    /** Appends a transaction's entries in order, under one lock and with one move of the head. */
    void appendAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Canonical> canonical = records.stream().map(Canonical::of).toList();
        ChainHead.Link last = head.lock();
        for (Canonical entry : canonical) {
            last = insertAfter(last, entry).link();
        }
        head.advance(last);
    }

    private Appended insertAfter(ChainHead.Link last, Canonical entry) {
        AuditRecord record = entry.record();
        // Read the clock only once the lock is held, so timestamps never run backwards along the chain.
        Instant at = EntryHash.truncate(Instant.now());
        EntryHash fields = new EntryHash(last.hash(), last.seq() + 1, record.changeId(), at, record.kind(),
                record.actor(), record.summary(), record.reason(), entry.inputs(), entry.outcome());
        String hash = fields.computeFromCanonical();
        long id = entries.insert(fields, hash);
        return new Appended(id, fields, hash);
    }

    /** A record with its inputs and outcome already in canonical JSON. */
    private record Canonical(AuditRecord record, String inputs, String outcome) {

        static Canonical of(AuditRecord record) {
            return new Canonical(record, CanonicalJson.write(record.inputs()), CanonicalJson.write(record.outcome()));
        }
    }

    private record Appended(long id, EntryHash fields, String hash) {

        ChainHead.Link link() {
            return new ChainHead.Link(fields.seq(), hash);
        }
    }
}
