package io.patchflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.patchflow.audit.AuditRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Counts failed HTTP Basic logins per user name in a sliding window, in memory. Keyed by user name, not by address:
 * every caller behind one proxy shares an address, and a guesser can change addresses more easily than the user
 * name being guessed. A throttled name is refused before its password is checked, which also keeps guessers from
 * running into Camunda's own lock, which after ten failures locks a user for good. The moment a name becomes
 * throttled is put on the audit record ({@code security.login-throttled}), once per throttling, not per refused
 * attempt, so a guesser cannot flood the log.
 */
@Component
class LoginThrottle {

    /** Beyond this many tracked names, names without a recent failure are forgotten first. */
    private static final int MAX_TRACKED = 10_000;

    private final LoginThrottleProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(LoginThrottleProperties properties, ApplicationEventPublisher events) {
        this(properties, events, Clock.systemUTC());
    }

    LoginThrottle(LoginThrottleProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Refuses the attempt when the name failed {@code maxFailures} times within the window. */
    void check(String user) {
        Deque<Instant> recent = failures.get(key(user));
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            Instant now = clock.instant();
            forgetOld(recent, now);
            if (recent.size() >= properties.maxFailures()) {
                throw new LoginThrottledException(user, Duration.between(now, recent.peekFirst().plus(properties.window())));
            }
        }
    }

    void failed(String user) {
        if (failures.size() >= MAX_TRACKED) {
            forgetIdle();
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(user), k -> new ArrayDeque<>());
        boolean nowThrottled;
        Instant now = clock.instant();
        synchronized (recent) {
            forgetOld(recent, now);
            recent.addLast(now);
            nowThrottled = recent.size() == properties.maxFailures();
        }
        if (nowThrottled) {
            events.publishEvent(new AuditRecord(null, "security.login-throttled", "policy:login-throttle",
                    "HTTP Basic logins of '" + user + "' throttled after " + properties.maxFailures()
                            + " failures within " + properties.window(),
                    "too many failed logins", Map.of("user", user, "failures", properties.maxFailures(),
                            "window", properties.window().toString()),
                    Map.of("refusedUntil", now.plus(properties.window()).toString())));
        }
    }

    void succeeded(String user) {
        failures.remove(key(user));
    }

    private void forgetOld(Deque<Instant> recent, Instant now) {
        Instant oldest = now.minus(properties.window());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(oldest)) {
            recent.pollFirst();
        }
    }

    private void forgetIdle() {
        Instant now = clock.instant();
        failures.values().removeIf(recent -> {
            synchronized (recent) {
                forgetOld(recent, now);
                return recent.isEmpty();
            }
        });
    }

    private static String key(String user) {
        return user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    }
}
