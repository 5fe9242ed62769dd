package io.patchflow.change.internal;

/** Evaluation found no host on which the change's advisories have a fix to install. */
public class NothingToPatchException extends RuntimeException {

    public NothingToPatchException(String message) {
        super(message);
    }
}
