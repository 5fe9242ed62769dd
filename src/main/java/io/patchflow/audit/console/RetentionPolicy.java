package io.patchflow.audit.console;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What retention applies, checked at start-up: Camunda's history time-to-live (the process history it may clean
 * up) must be at least {@code patchflow.audit.retention}, or evidence would be deleted before its time. The audit
 * log and the change tables are never cleaned up at all (the log is append-only).
 */
@Component
class RetentionPolicy {

    private static final Pattern DAYS = Pattern.compile("P?(\\d+)D?");
    private static final String END_TIME_BASED = "endTimeBased";

    private final Duration retention;
    private final int historyTimeToLiveDays;
    private final String cleanupWindow;

    RetentionPolicy(@Value("${patchflow.audit.retention:P2555D}") String retention,
            @Value("${camunda.bpm.generic-properties.properties.historyTimeToLive:}") String historyTimeToLive,
            @Value("${camunda.bpm.generic-properties.properties.historyCleanupBatchWindowStartTime:}") String start,
            @Value("${camunda.bpm.generic-properties.properties.historyCleanupBatchWindowEndTime:}") String end,
            @Value("${camunda.bpm.generic-properties.properties.historyCleanupStrategy:}") String cleanupStrategy) {
        try {
            this.retention = Duration.parse(retention);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("patchflow.audit.retention (PATCHFLOW_AUDIT_RETENTION) must be a number "
                    + "of days such as P2555D, not '" + retention + "'");
        }
        if (this.retention.isNegative() || this.retention.isZero()) {
            throw new IllegalArgumentException("patchflow.audit.retention must be positive, such as P2555D");
        }
        Matcher days = DAYS.matcher(historyTimeToLive.strip());
        if (!days.matches()) {
            throw new IllegalArgumentException("The Camunda history time-to-live (PATCHFLOW_HISTORY_TTL) must be a "
                    + "number of days such as P2555D, not '" + historyTimeToLive + "': without one, process history "
                    + "would be kept or removed without regard to the audit retention");
        }
        this.historyTimeToLiveDays = Integer.parseInt(days.group(1));
        if (historyTimeToLiveDays < this.retention.toDays()) {
            throw new IllegalArgumentException("The Camunda history time-to-live (PATCHFLOW_HISTORY_TTL, "
                    + historyTimeToLive + ") is shorter than the audit retention (PATCHFLOW_AUDIT_RETENTION, "
                    + retention + "): history clean-up would delete evidence before its retention period ends");
        }
        if (!END_TIME_BASED.equals(cleanupStrategy)) {
            throw new IllegalArgumentException("Camunda's history clean-up must be end-time based "
                    + "(historyCleanupStrategy: " + END_TIME_BASED + "), not '" + cleanupStrategy + "': Patchflow "
                    + "raises short time-to-lives to the audit retention at start-up, and only end-time based clean-up "
                    + "applies a raised time-to-live to history that has already ended");
        }
        this.cleanupWindow = start.isBlank() ? "none (history is never cleaned up)" : start + "-" + end;
    }

    Map<String, Object> describe() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("retentionDays", retention.toDays());
        policy.put("retentionYears", Math.round(retention.toDays() / 365.25 * 10) / 10.0);
        policy.put("historyTimeToLiveDays", historyTimeToLiveDays);
        policy.put("historyCleanupWindow", cleanupWindow);
        policy.put("historyRemovalTime", "end of each process instance + time-to-live; running ones are kept");
        policy.put("auditLog", "append-only, never cleaned up");
        policy.put("changeRecords", "never cleaned up");
        return policy;
    }
}
