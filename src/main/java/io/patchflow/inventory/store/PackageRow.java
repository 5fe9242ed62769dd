package io.patchflow.inventory.store;

import io.patchflow.inventory.InstalledPackage;

/** A stored package with its key and its host's key. */
public record PackageRow(long id, long hostId, InstalledPackage pkg) {
}
