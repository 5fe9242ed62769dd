package io.patchflow.itsm.jira;

import io.patchflow.itsm.TicketSystemBusy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Makes one Jira call, retrying what is worth retrying within the call: HTTP 429 (waiting as long as
 * {@code Retry-After} says), 5xx and timeouts (waiting {@code backoff}, doubling). What outlasts the attempts, or a
 * {@code Retry-After} longer than {@code maxWait}, ends as {@link TicketSystemBusy} carrying the wait, so the caller
 * (the update queue, the ticket job) tries again later instead of holding a thread. Other 4xx are Jira refusing the
 * request: {@link JiraRefused}, with Jira's own message.
 */
class JiraHttp {

    private final int attempts;
    private final Duration backoff;
    private final Duration maxWait;
    private final Sleeper sleeper;

    JiraHttp(int attempts, Duration backoff, Duration maxWait, Sleeper sleeper) {
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    <T> T call(String what, Supplier<T> call) {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter;
            RuntimeException failure;
            try {
                return call.get();
            } catch (RestClientResponseException e) {
                HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
                boolean busy = e.getStatusCode().value() == 429 || e.getStatusCode().is5xxServerError();
                if (!busy) {
                    throw new JiraRefused(what + ": Jira answered " + e.getStatusCode().value()
                            + (status == null ? "" : " " + status.getReasonPhrase()) + ": "
                            + e.getResponseBodyAsString(), e);
                }
                failure = e;
                retryAfter = retryAfter(e.getResponseHeaders());
            } catch (ResourceAccessException e) {
                failure = e; // connection refused, timeouts
                retryAfter = null;
            }
            Duration next = retryAfter != null ? retryAfter : wait;
            if (attempt >= attempts || next.compareTo(maxWait) > 0) {
                throw new TicketSystemBusy(what + ": Jira is not answering (" + describe(failure) + ") after "
                        + attempt + " attempt(s)", retryAfter, failure);
            }
            pause(next);
            wait = wait.multipliedBy(2);
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketSystemBusy("interrupted while waiting for Jira", duration, e);
        }
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String describe(RuntimeException failure) {
        return failure instanceof RestClientResponseException e ? "HTTP " + e.getStatusCode().value()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
