package io.patchflow.itsm.jira;

import org.springframework.http.HttpStatus;

/** A webhook call that is not acted on: unsigned, wrongly signed (401), stale or unreadable (400), too large (413). */
class WebhookRefused extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    WebhookRefused(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }
}
