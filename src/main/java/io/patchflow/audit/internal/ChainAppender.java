package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Adds one entry at the end of the chain. Runs inside a transaction its caller opened. */
@Component
class ChainAppender {

    private final ChainHead head;
    private final AuditEntryStore entries;

    ChainAppender(ChainHead head, AuditEntryStore entries) {
        this.head = head;
        this.entries = entries;
    }

    AuditEntry append(AuditRecord record) {
        ChainHead.Link last = head.lock();
        // Read the clock only once the lock is held, so timestamps never run backwards along the chain.
        Instant at = EntryHash.truncate(Instant.now());
        String inputs = CanonicalJson.write(record.inputs());
        String outcome = CanonicalJson.write(record.outcome());
        EntryHash fields = new EntryHash(last.hash(), last.seq() + 1, record.changeId(), at, record.kind(),
                record.actor(), record.summary(), record.reason(), inputs, outcome);
        String hash = fields.compute();
        long id = entries.insert(fields, hash);
        head.advance(new ChainHead.Link(fields.seq(), hash));
        return new AuditEntry(id, record.changeId(), at, record.kind(), record.actor(), record.summary(),
                record.reason(), CanonicalJson.read(inputs), CanonicalJson.read(outcome), last.hash(), hash);
    }
}
