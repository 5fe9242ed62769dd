package io.patchflow.advisory.store;

import io.patchflow.advisory.osv.OsvAffected;

/** An affected entry of a stored advisory. */
public record StoredAffected(String advisoryId, OsvAffected affected) {
}
