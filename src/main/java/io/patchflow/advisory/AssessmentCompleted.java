package io.patchflow.advisory;

import java.time.Instant;

/**
 * Published in the assessment's transaction when a whole-fleet assessment has stored its findings. Listeners (the
 * change module's proposals) read what they need through {@link FixGroups}; the event carries counts only, because
 * an assessment can have a million findings.
 */
public record AssessmentCompleted(long assessmentId, String requestedBy, Instant completedAt, int findings,
        int newFindings, int stillOpen, int resolved) {
}
