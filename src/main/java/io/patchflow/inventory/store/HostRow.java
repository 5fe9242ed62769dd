package io.patchflow.inventory.store;

import io.patchflow.inventory.HostView;

/** A stored host with its key. */
public record HostRow(long id, HostView view) {
}
