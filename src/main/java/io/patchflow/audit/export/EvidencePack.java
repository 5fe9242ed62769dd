package io.patchflow.audit.export;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.internal.CanonicalJson;
import io.patchflow.audit.internal.Checkpoint;
import io.patchflow.audit.internal.EvidenceSource.ChainState;
import io.patchflow.audit.internal.EvidenceSource.ChainedEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of an evidence pack, the same for every file format: scope, who exported it and when, the chain as
 * it stood (head, latest seal, whether it verified) and the entries with their hashes. {@link #document()} is the
 * JSON form; its canonical text (keys sorted, no whitespace) is what the signature covers.
 */
record EvidencePack(EvidenceScope scope, Instant generatedAt, String generatedBy, ChainState chain,
        List<ChainedEntry> entries) {

    static final String FORMAT = "patchflow-evidence/1";

    Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("scope", scope.describe());
        document.put("generatedAt", generatedAt.toString());
        document.put("generatedBy", generatedBy);
        document.put("chain", chainState());
        document.put("entries", entries.stream().map(EvidencePack::entry).toList());
        return document;
    }

    /** The bytes the signature covers. */
    byte[] signedBytes() {
        return CanonicalJson.writeAny(document()).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> chainState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("headSeq", chain.headSeq());
        state.put("headHash", chain.headHash());
        state.put("valid", chain.verification().valid());
        state.put("verifiedEntries", chain.verification().entries());
        state.put("firstBrokenEntry", chain.verification().firstBrokenEntry());
        state.put("problem", chain.verification().problem());
        state.put("latestCheckpoint", chain.latestSeal().map(EvidencePack::seal).orElse(null));
        return state;
    }

    private static Map<String, Object> seal(Checkpoint seal) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", seal.seq());
        map.put("entryId", seal.entryId());
        map.put("hash", seal.hash());
        map.put("sealedAt", seal.sealedAt().toString());
        map.put("hmac", seal.hmac());
        return map;
    }

    static Map<String, Object> entry(ChainedEntry chained) {
        AuditEntry e = chained.entry();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seq", chained.seq());
        map.put("id", e.id());
        map.put("changeId", e.changeId());
        map.put("at", e.at().toString());
        map.put("kind", e.kind());
        map.put("actor", e.actor());
        map.put("summary", e.summary());
        map.put("reason", e.reason());
        map.put("inputs", e.inputs());
        map.put("outcome", e.outcome());
        map.put("previousHash", e.previousHash());
        map.put("hash", e.hash());
        return map;
    }
}
