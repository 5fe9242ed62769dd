package io.patchflow.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decision to put on the record: who ({@code actor}: a user id, {@code policy:<decision key>} or
 * {@code system}), what ({@code kind}, a dotted name such as {@code approval.vote}), why ({@code reason}) and on
 * which facts ({@code inputs}) with which result ({@code outcome}). Modules publish it as an application event or
 * hand it to {@link AuditTrail}. {@code changeId} is null for decisions that belong to no change (calendar edits).
 */
public record AuditRecord(String changeId, String kind, String actor, String summary, String reason,
        Map<String, Object> inputs, Map<String, Object> outcome) {

    public AuditRecord {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("An audit record needs a kind");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("An audit record needs an actor");
        }
        // Null values are facts too ("no CVSS score"), so no Map.copyOf here.
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outcome = outcome == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outcome));
    }
}
