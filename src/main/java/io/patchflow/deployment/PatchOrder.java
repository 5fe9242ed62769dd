package io.patchflow.deployment;

import java.util.List;

/** What to do on one host: install these package versions. */
public record PatchOrder(String host, List<PackageTarget> packages) {

    public PatchOrder {
        packages = List.copyOf(packages);
    }
}
