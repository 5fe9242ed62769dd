package io.patchflow.advisory.assessment;

/** The answer of {@code POST /api/v1/assessments}. */
record AssessmentResult(long id, int hosts, int packages, int findings, long durationMillis) {
}
