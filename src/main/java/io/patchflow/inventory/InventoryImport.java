package io.patchflow.inventory;

import java.util.List;

/**
 * Loads hosts with their complete package lists: hosts are created or updated, each host's packages are replaced
 * as a whole and every difference is kept in the package history. All or nothing: invalid input changes nothing
 * and raises {@link io.patchflow.shared.BadInputException} naming the path, e.g. {@code hosts[3].packages[0].version}.
 */
public interface InventoryImport {

    default InventoryImportResult importHosts(List<HostInput> hosts) {
        return importHosts(hosts, "inventory import");
    }

    /** As {@link #importHosts(List)}, with the reason recorded in the package history. */
    InventoryImportResult importHosts(List<HostInput> hosts, String reason);
}
