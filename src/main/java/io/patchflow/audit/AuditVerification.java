package io.patchflow.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the whole chain: the JSON answer of {@code GET /api/v1/audit/verify}. {@code problem} says
 * in words what is wrong (null when valid); {@code firstBrokenEntry} is null when valid, and also when the damage
 * is not one entry (entries missing at the end of the chain).
 */
public record AuditVerification(boolean valid, long entries,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long firstBrokenEntry, String problem) {

    public AuditVerification(boolean valid, long entries, Long firstBrokenEntry) {
        this(valid, entries, firstBrokenEntry, null);
    }

    public static AuditVerification intact(long entries) {
        return new AuditVerification(true, entries, null, null);
    }

    public static AuditVerification broken(long entries, Long firstBrokenEntry, String problem) {
        return new AuditVerification(false, entries, firstBrokenEntry, problem);
    }
}
