package io.patchflow.deployment;

import java.util.List;

/**
 * What the back end reports for one host: its state, a message a person can act on when it failed, and the
 * versions installed before the change (what a rollback restores).
 */
public record HostOutcome(String host, HostState state, String message, List<PackageTarget> previousVersions) {

    public HostOutcome {
        previousVersions = previousVersions == null ? List.of() : List.copyOf(previousVersions);
    }
}
