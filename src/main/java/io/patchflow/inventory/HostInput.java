package io.patchflow.inventory;

import java.util.List;

/**
 * A host as an inventory source reports it, before validation: the {@code Host} of {@code POST /api/v1/inventory}.
 * {@code os} is an OSV ecosystem with release ({@code Debian:12}); {@code criticality} is low, medium, high or
 * critical; {@code internetFacing} defaults to false, {@code groups} to none. {@code packages} is the host's whole
 * package list (an empty list removes every package).
 */
public record HostInput(String name, String os, String environment, List<String> groups, String criticality,
        Boolean internetFacing, List<PackageInput> packages) {
}
