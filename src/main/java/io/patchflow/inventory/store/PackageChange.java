package io.patchflow.inventory.store;

/**
 * One entry of the package history: a package ADDED, REMOVED or CHANGED (moved to another version) on a host.
 * Versions that do not apply (the old version of an added package) are null.
 */
public record PackageChange(long hostId, String ecosystem, String packageName, String arch, Type type,
        String oldVersion, String newVersion, String oldSourceVersion, String newSourceVersion) {

    public enum Type { ADDED, REMOVED, CHANGED }
}
