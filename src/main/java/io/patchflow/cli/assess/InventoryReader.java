package io.patchflow.cli.assess;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one inventory file format into an {@link InventorySink}, streaming, so a fleet of millions of packages never
 * sits in memory as objects. Errors are {@link io.patchflow.shared.BadInputException}s whose field names the file
 * and line.
 */
public interface InventoryReader {

    void read(Path file, InventorySink sink) throws IOException;
}
