package io.patchflow.shared;

/** Input a caller can correct: answered as 400 with the offending field (or line) named. */
public class BadInputException extends RuntimeException {

    private final String field;

    public BadInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The JSON path, form field or "line N" that was wrong; may be null when the whole body is wrong. */
    public String field() {
        return field;
    }
}
