package io.patchflow.inventory;

/**
 * A package installed on a host. {@code source}/{@code sourceVersion} are the source package (Debian) or source
 * RPM; they equal name/version where the format has no such notion. {@code ecosystem} is the OSV ecosystem with
 * release ({@code Debian:12}, {@code Ubuntu:22.04}, {@code Red Hat:9}, {@code Maven}...).
 */
public record InstalledPackage(String name, String version, String source, String sourceVersion, String arch,
        String ecosystem, String purl) {
}
