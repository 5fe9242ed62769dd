package io.patchflow.audit;

/** The result of walking the whole chain: the JSON answer of {@code GET /api/v1/audit/verify}. */
public record AuditVerification(boolean valid, long entries, Long firstBrokenEntry) {
}
