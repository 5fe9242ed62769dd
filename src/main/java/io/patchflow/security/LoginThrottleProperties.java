package io.patchflow.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP Basic brute-force throttle: after {@code maxFailures} failed logins of one user name within {@code window},
 * that name is refused (429) until the oldest of those failures is older than the window.
 */
@ConfigurationProperties("patchflow.security.login-throttle")
record LoginThrottleProperties(@DefaultValue("5") int maxFailures, @DefaultValue("5m") Duration window) {

    LoginThrottleProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("patchflow.security.login-throttle.max-failures must be at least 1");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("patchflow.security.login-throttle.window must be positive");
        }
    }
}
