package io.patchflow.shared;

/** The request is well-formed but clashes with the current state (a task already completed, a duplicate): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
