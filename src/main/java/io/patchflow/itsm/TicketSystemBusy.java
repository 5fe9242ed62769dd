package io.patchflow.itsm;

import java.time.Duration;
import java.util.Optional;

/**
 * The ticket system cannot take the call now (down, timing out, rate-limiting). Worth retrying; {@code retryAfter}
 * is how long the system asked to wait (HTTP 429/503 {@code Retry-After}), if it said.
 */
public class TicketSystemBusy extends RuntimeException {

    private final transient Duration retryAfter;

    public TicketSystemBusy(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
