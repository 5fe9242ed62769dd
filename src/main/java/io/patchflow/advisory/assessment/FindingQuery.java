package io.patchflow.advisory.assessment;

/** Filters of {@code GET /api/v1/findings}; null means "any". */
record FindingQuery(String host, String advisory, String status, FindingRepository.State state) {
}
