package io.patchflow.itsm.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery of queued ticket updates ({@code patchflow.itsm.updates.*}): how often the queue is swept, how many
 * attempts an update gets, and the back-off between them (doubling from {@code initialBackoff} up to
 * {@code maxBackoff}; a {@code Retry-After} from the ticket system wins when longer). With the defaults an update is
 * retried for about an hour and a half before it stalls and raises an incident.
 */
@ConfigurationProperties("patchflow.itsm.updates")
record OutboxProperties(@DefaultValue("1s") Duration poll, @DefaultValue("10") int maxAttempts,
        @DefaultValue("5s") Duration initialBackoff, @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("5m") Duration lease) {

    OutboxProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("patchflow.itsm.updates.max-attempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("patchflow.itsm.updates.max-backoff must not be shorter than "
                    + "initial-backoff, and neither negative");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: doubling, capped, never shorter than Retry-After. */
    Duration backoff(int attempts, Duration retryAfter) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        wait = wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
