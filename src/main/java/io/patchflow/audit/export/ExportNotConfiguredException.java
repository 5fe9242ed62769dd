package io.patchflow.audit.export;

/** Exports need a signing key this installation does not have: answered as 503 with what to configure. */
class ExportNotConfiguredException extends RuntimeException {

    ExportNotConfiguredException(String message) {
        super(message);
    }
}
