package io.patchflow.advisory.matching;

/**
 * One advisory that affects an installed (ecosystem, package, version): the lowest fixed version that resolves it,
 * or none, then with the source's reason when it gives one.
 */
public record MatchHit(String advisoryId, String fixedVersion, String noFixReason) {
}
