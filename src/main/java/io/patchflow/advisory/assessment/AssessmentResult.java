package io.patchflow.advisory.assessment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An assessment as {@code POST /api/v1/assessments} answers and {@code GET /api/v1/assessments/{id}} shows it:
 * how much was examined, how many findings it saw ({@code findings}), of which {@code new} were not open before and
 * {@code stillOpen} were, and how many open findings it no longer saw ({@code resolved}). {@code durationMillis} is
 * the whole assessment; {@code matchMillis}, {@code priorityMillis} (risk figures and policy) and
 * {@code writeMillis} (staging and merging the findings) are its parts.
 */
record AssessmentResult(long id, int hosts, int packages, int findings, long durationMillis,
        @JsonProperty("new") int newFindings, int stillOpen, int resolved, long matchMillis, long priorityMillis,
        long writeMillis, Instant startedAt, Instant completedAt, String requestedBy, String priorityPolicy) {
}
