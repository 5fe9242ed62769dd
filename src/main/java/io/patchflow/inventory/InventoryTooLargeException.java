package io.patchflow.inventory;

import io.patchflow.shared.BadInputException;

/**
 * An inventory beyond one of the {@link InventoryLimits}. It is bad input like any other (nothing is written), but the
 * API answers 413 so that the sender knows to split the upload rather than to fix a value.
 */
public class InventoryTooLargeException extends BadInputException {

    public InventoryTooLargeException(String field, String message) {
        super(field, message);
    }
}
