package io.patchflow.inventory;

/** A package moved to another version on one host, as a deployment (or its rollback) reports it. */
public record PackageUpdate(String packageName, String newVersion, String newSourceVersion) {
}
