package io.patchflow.deployment;

/** A package to bring to a version on one host: the binary package name and the version to install. */
public record PackageTarget(String name, String version, String sourceVersion) {
}
