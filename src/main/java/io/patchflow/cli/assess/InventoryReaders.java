package io.patchflow.cli.assess;

import java.util.Map;
import java.util.TreeMap;

/**
 * The inventory formats {@code assess --inventory-format} accepts. Only the JSON of {@code POST /api/v1/inventory}
 * is built in; the other importers of the inventory module (CSV, dpkg-query, rpm -qa, CycloneDX, Ansible
 * package_facts) plug in here as one more entry each, adapting the inventory API's parsed hosts to the sink.
 */
final class InventoryReaders {

    static final String DEFAULT = "json";

    private static final Map<String, InventoryReader> READERS = new TreeMap<>(Map.of(DEFAULT,
            new JsonInventoryReader()));

    private InventoryReaders() {
    }

    static InventoryReader named(String format) {
        InventoryReader reader = READERS.get(format);
        if (reader == null) {
            throw new AssessOptions.UsageException("inventory format '" + format + "' is not supported; supported: "
                    + String.join(", ", READERS.keySet()));
        }
        return reader;
    }
}
