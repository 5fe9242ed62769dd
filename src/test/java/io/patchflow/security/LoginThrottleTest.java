package io.patchflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.audit.AuditRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The brute-force throttle of HTTP Basic, with a clock the test moves. */
class LoginThrottleTest {

    private final MovingClock clock = new MovingClock();
    private final List<Object> published = new ArrayList<>();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(3, Duration.ofMinutes(5)),
            published::add, clock);

    @Test
    void aNameIsRefusedAfterMaxFailuresWithinTheWindowAndToldWhenToRetry() {
        throttle.failed("carol");
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("carol");
        assertThatCode(() -> throttle.check("carol")).doesNotThrowAnyException();
        throttle.failed("carol");

        assertThatThrownBy(() -> throttle.check("carol")).isInstanceOfSatisfying(LoginThrottledException.class,
                e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(4));
                    assertThat(e.getMessage()).contains("carol", "240 seconds");
                });
    }

    @Test
    void theMomentANameIsThrottledIsAuditedOnceNotEveryRefusedAttempt() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("carol");
        }
        assertThat(published).hasSize(1).first().isInstanceOfSatisfying(AuditRecord.class, record -> {
            assertThat(record.kind()).isEqualTo("security.login-throttled");
            assertThat(record.actor()).isEqualTo("policy:login-throttle");
            assertThat(record.inputs()).containsEntry("user", "carol").containsEntry("failures", 3);
            assertThat(record.outcome()).containsEntry("refusedUntil", "2026-11-22T06:05:00Z");
        });
    }

    @Test
    void theNameIsLetInAgainOnceTheOldestFailureLeavesTheWindow() {
        throttle.failed("carol");
        throttle.failed("carol");
        throttle.failed("carol");
        clock.advance(Duration.ofMinutes(5));
        assertThatCode(() -> throttle.check("carol")).doesNotThrowAnyException();
    }

    @Test
    void otherNamesAreNotAffectedAndCaseDoesNotEvadeTheCount() {
        throttle.failed("carol");
        throttle.failed("Carol");
        throttle.failed(" CAROL ");
        assertThatThrownBy(() -> throttle.check("carol")).isInstanceOf(LoginThrottledException.class);
        assertThatCode(() -> throttle.check("dave")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        throttle.failed("carol");
        throttle.failed("carol");
        throttle.succeeded("carol");
        throttle.failed("carol");
        assertThatCode(() -> throttle.check("carol")).doesNotThrowAnyException();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new LoginThrottleProperties(0, Duration.ofMinutes(1)))
                .hasMessageContaining("max-failures");
        assertThatThrownBy(() -> new LoginThrottleProperties(5, Duration.ZERO)).hasMessageContaining("window");
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T06:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
