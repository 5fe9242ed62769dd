package io.patchflow.cli.options;

/** Wrong, missing or contradicting options: the command shows the message with its usage and exits with 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
