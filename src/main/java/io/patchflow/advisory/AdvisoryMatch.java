package io.patchflow.advisory;

import java.util.List;

/**
 * One advisory that affects an installed (ecosystem, package, version), as the offline matcher reports it: the lowest
 * fixed version that resolves it, or none (then {@code noFixReason} when the source says why).
 */
public record AdvisoryMatch(String advisoryId, List<String> aliases, String fixedVersion, String noFixReason) {
}
