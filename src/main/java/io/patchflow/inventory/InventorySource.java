package io.patchflow.inventory;

import java.util.Collection;

/**
 * A live source of installed packages: reads them from the hosts themselves (Ansible's {@code package_facts}) and
 * replaces the hosts' package lists through {@link InventoryImport}, with their package history. Optional: the
 * embedded default's simulated fleet has none, its inventory is Patchflow's own.
 */
public interface InventorySource {

    /**
     * Reads the named hosts (known to the inventory) and replaces their package lists; a host that cannot be read
     * keeps its list and is reported with the reason. {@code requestedBy} goes into the package history.
     */
    InventoryRefresh refresh(Collection<String> hosts, String requestedBy);
}
