package io.patchflow.inventory;

/** A package together with the host it is installed on: one row of a fleet-wide package listing. */
public record HostPackage(String host, InstalledPackage pkg) {
}
