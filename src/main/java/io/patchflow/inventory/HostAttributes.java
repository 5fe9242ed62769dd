package io.patchflow.inventory;

import java.util.List;

/**
 * A host's attributes given beside a package list rather than inside it: the query parameters of
 * {@code POST /api/v1/inventory?format=dpkg&host=...} or the CLI's options. Single-host formats (dpkg, rpm, CycloneDX,
 * Ansible {@code package_facts}) take the host from here; CSV uses them for cells left empty. Any value may be null.
 */
public record HostAttributes(String name, String os, String environment, List<String> groups, String criticality,
        Boolean internetFacing) {

    public static final HostAttributes NONE = new HostAttributes(null, null, null, null, null, null);

    public HostAttributes {
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** The host with these attributes and the given packages. */
    public HostInput withPackages(List<PackageInput> packages) {
        return new HostInput(name, os, environment, groups, criticality, internetFacing, packages);
    }
}
