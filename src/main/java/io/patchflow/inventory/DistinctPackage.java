package io.patchflow.inventory;

/**
 * One distinct (ecosystem, name, version) among installed packages, read by {@link PackageKey}, with how many
 * installed packages (rows: host, package, architecture) have it.
 */
public record DistinctPackage(String ecosystem, String name, String version, long installations) {
}
