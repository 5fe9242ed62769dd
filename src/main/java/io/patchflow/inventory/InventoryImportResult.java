package io.patchflow.inventory;

/**
 * What an inventory import did: hosts and packages received (packages counted once per host after duplicates are
 * merged), and how many packages were added, removed or moved to another version.
 */
public record InventoryImportResult(int hosts, int packages, int added, int removed, int changed) {
}
