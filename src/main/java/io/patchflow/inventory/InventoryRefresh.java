package io.patchflow.inventory;

import java.util.List;
import java.util.Map;

/** What a refresh from an {@link InventorySource} did: the hosts re-read, and why each of the others was not. */
public record InventoryRefresh(List<String> refreshed, Map<String, String> notRefreshed) {

    public InventoryRefresh {
        refreshed = List.copyOf(refreshed);
        notRefreshed = Map.copyOf(notRefreshed);
    }
}
