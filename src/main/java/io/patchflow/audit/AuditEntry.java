package io.patchflow.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** An entry as stored: the record plus its place in the hash chain. Its JSON always has every key, null or not. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntry(long id, String changeId, Instant at, String kind, String actor, String summary,
        String reason, Map<String, Object> inputs, Map<String, Object> outcome, String previousHash, String hash) {
}
