package io.patchflow.audit.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** No history clean-up may delete evidence before its retention period ends: such a configuration does not start. */
class RetentionPolicyTest {

    private static final String END_TIME = "endTimeBased";

    @Test
    void aHistoryTimeToLiveShorterThanTheRetentionStopsTheStart() {
        assertThatThrownBy(() -> new RetentionPolicy("P2555D", "P365D", "01:00", "05:00", END_TIME))
                .hasMessageContaining("shorter than the audit retention")
                .hasMessageContaining("PATCHFLOW_HISTORY_TTL");
    }

    @Test
    void aTimeToLiveThatIsNoNumberOfDaysStopsTheStart() {
        assertThatThrownBy(() -> new RetentionPolicy("P2555D", "", "", "", END_TIME))
                .hasMessageContaining("must be a number of days");
        assertThatThrownBy(() -> new RetentionPolicy("seven years", "P2555D", "", "", END_TIME))
                .hasMessageContaining("PATCHFLOW_AUDIT_RETENTION");
    }

    /**
     * With removal-time based clean-up, history that has ended keeps the removal time it was given then, so a
     * time-to-live raised at start-up (HistoryRetentionGuard) would not reach it.
     */
    @Test
    void aCleanUpThatIsNotEndTimeBasedStopsTheStart() {
        assertThatThrownBy(() -> new RetentionPolicy("P2555D", "P2555D", "01:00", "05:00", "removalTimeBased"))
                .hasMessageContaining("historyCleanupStrategy: endTimeBased")
                .hasMessageContaining("not 'removalTimeBased'");
    }

    @Test
    void theRetentionInForceIsDescribedForTheConsole() {
        RetentionPolicy policy = new RetentionPolicy("P3650D", "3650", "01:00", "05:00", END_TIME);

        assertThat(policy.describe()).containsEntry("retentionDays", 3650L).containsEntry("historyTimeToLiveDays", 3650)
                .containsEntry("historyCleanupWindow", "01:00-05:00").containsEntry("retentionYears", 10.0);
    }
}
