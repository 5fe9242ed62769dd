package io.patchflow.change.internal;

/** No maintenance window free of change freezes within the search horizon: the calendar needs attention. */
public class NoMaintenanceWindowException extends RuntimeException {

    public NoMaintenanceWindowException(String message) {
        super(message);
    }
}
