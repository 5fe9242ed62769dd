package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InstalledPackage;
import java.util.List;

/** A host that passed validation, with defaults applied and duplicate packages merged. */
record ValidHost(HostView view, List<InstalledPackage> packages) {
}
