package io.patchflow.inventory.hosts;

import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InstalledPackage;
import java.util.List;

/** {@code GET /api/v1/hosts/{name}}: a host with its installed packages. */
record HostDetails(String name, String os, String environment, List<String> groups, String criticality,
        boolean internetFacing, List<InstalledPackage> packages) {

    static HostDetails of(HostView host, List<InstalledPackage> packages) {
        return new HostDetails(host.name(), host.os(), host.environment(), host.groups(), host.criticality(),
                host.internetFacing(), packages);
    }
}
