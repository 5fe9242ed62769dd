package io.patchflow.cli.assess;

import io.patchflow.inventory.HostAttributes;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one inventory file format into an {@link InventorySink}, streaming, so a fleet of millions of packages never
 * sits in memory as objects. {@code host} describes the host of a single-host format (and fills the empty host cells
 * of a CSV); formats that name their hosts pass it over. Errors are {@link io.patchflow.shared.BadInputException}s
 * whose field names the file and line.
 */
public interface InventoryReader {

    void read(Path file, HostAttributes host, InventorySink sink) throws IOException;
}
