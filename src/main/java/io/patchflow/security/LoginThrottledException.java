package io.patchflow.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused without looking at the password, because the user name failed too often lately. */
class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottledException(String user, Duration retryAfter) {
        super("Too many failed logins for '" + user + "'; try again in " + Math.max(1, retryAfter.toSeconds())
                + " seconds");
        this.retryAfter = retryAfter.toSeconds() < 1 ? Duration.ofSeconds(1) : retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
