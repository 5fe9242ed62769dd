package io.patchflow.inventory;

import io.patchflow.shared.BadInputException;

/**
 * An inventory whose syntax is broken (JSON or XML that does not parse), as opposed to a value that breaks a rule:
 * the API answers it as an unreadable body, like any other endpoint that cannot parse what it was sent.
 */
public class InventoryUnreadableException extends BadInputException {

    public InventoryUnreadableException(String field, String message) {
        super(field, message);
    }
}
