package io.patchflow.inventory;

/**
 * A package as an inventory source reports it. Without {@code ecosystem} it belongs to the host's {@code os};
 * {@code source}/{@code sourceVersion} default to {@code name}/{@code version}.
 */
public record PackageInput(String name, String version, String source, String sourceVersion, String arch,
        String ecosystem, String purl) {

    public PackageInput(String name, String version) {
        this(name, version, null, null, null, null, null);
    }
}
