package io.patchflow.deployment.ansible;

import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.ansible.AnsibleProperties.HostSettings;
import java.util.List;

/** A host of a run, checked: a safe name, its package manager, its settings and the packages to bring to a version. */
record PlannedHost(String name, PackageManager manager, HostSettings settings, List<PackageTarget> packages) {

    PlannedHost {
        packages = List.copyOf(packages);
    }
}
