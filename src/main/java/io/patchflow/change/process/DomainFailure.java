package io.patchflow.change.process;

import io.patchflow.shared.BadInputException;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.NotFoundException;
import io.patchflow.shared.RuleViolationException;

/**
 * The engine wraps what a task listener throws (ENGINE-03051, and the REST layer's RestException around that);
 * callers need the Patchflow failure underneath: the field, the rule, the conflict.
 */
final class DomainFailure {

    private DomainFailure() {
    }

    /** The first Patchflow failure in the cause chain, or null when the failure is the engine's own. */
    static RuntimeException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadInputException || cause instanceof RuleViolationException
                    || cause instanceof ConflictException || cause instanceof NotFoundException) {
                return (RuntimeException) cause;
            }
        }
        return null;
    }
}
