package io.patchflow.cli.assess;

import io.patchflow.inventory.HostAttributes;
import java.nio.file.Path;

/** One inventory file to read, and the host attributes for it (the host of a single-host format, CSV defaults). */
record InventoryFile(Path file, HostAttributes host) {
}
