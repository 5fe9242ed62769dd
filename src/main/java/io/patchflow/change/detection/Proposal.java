package io.patchflow.change.detection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A proposed change as {@code GET /api/v1/proposals} shows it: one (ecosystem, package, fixed version) group of
 * fix-available findings. {@code state} is {@code WAITING} (for an operator), {@code STARTED} (then
 * {@code changeId} names the change) or {@code DISMISSED} (with {@code dismissReason}). {@code hosts} counts the
 * hosts that still need the fix; {@code hostNames} lists them on the single-proposal view only.
 */
record Proposal(String id, String ecosystem, @JsonProperty("package") String packageName, String fixedVersion,
        String state, String priority, boolean inKev, int hosts, List<String> hostNames, List<String> advisories,
        boolean autoStart, String policyReason, String policyVersion, String changeId, String decidedBy,
        String dismissReason, long firstAssessment, long lastAssessment, Instant createdAt, Instant updatedAt) {

    static final String PREFIX = "PRP-";

    static String id(long number) {
        return String.format("%s%06d", PREFIX, number);
    }
}
