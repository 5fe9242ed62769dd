package io.patchflow.inventory;

/**
 * Which name and version of an installed package a fleet-wide read groups by: the package as installed
 * ({@code BINARY}: name, version) or its source package ({@code SOURCE}: source name, source version), which is what
 * Debian and Ubuntu advisories name.
 */
public enum PackageKey {
    BINARY, SOURCE
}
