package io.patchflow.cli.assess;

import io.patchflow.cli.options.UsageException;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.shared.BadInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The inventory formats {@code assess --inventory-format} accepts: every format of the inventory module. JSON has a
 * reader of its own that pools strings straight from the parser (the format of large fleets); the others go through
 * the inventory module's parsers ({@link FormatInventoryReader}), exactly as {@code POST /api/v1/inventory} reads
 * them.
 */
final class InventoryReaders {

    static final String DEFAULT = "json";

    private InventoryReaders() {
    }

    /** The format named by {@code --inventory-format} ({@code package_facts} and {@code ansible} as aliases). */
    static InventoryFormat format(String name) {
        try {
            return InventoryFormat.named(name);
        } catch (BadInputException e) {
            throw new UsageException("inventory format '" + name + "' is not supported; supported: "
                    + Arrays.stream(InventoryFormat.values()).map(InventoryFormat::id).sorted()
                            .collect(Collectors.joining(", ")));
        }
    }

    static InventoryReader reader(InventoryFormat format) {
        return format == InventoryFormat.JSON ? new JsonInventoryReader() : new FormatInventoryReader(format);
    }
}
