package io.patchflow.itsm.jira;

/** Jira refused a request (4xx other than 429): retrying the same request will not help until someone acts. */
class JiraRefused extends RuntimeException {

    JiraRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
