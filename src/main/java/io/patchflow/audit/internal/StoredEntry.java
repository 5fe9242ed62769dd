package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;

/** An entry as the table holds it: its position in the chain and its facts as the exact stored JSON text. */
record StoredEntry(long seq, AuditEntry entry, String inputsJson, String outcomeJson) {

    EntryHash hashedFields() {
        return new EntryHash(entry.previousHash(), seq, entry.changeId(), entry.at(), entry.kind(), entry.actor(),
                entry.summary(), entry.reason(), inputsJson, outcomeJson);
    }
}
