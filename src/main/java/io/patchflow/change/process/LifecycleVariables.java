package io.patchflow.change.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Every process variable of the lifecycle and rollout models, named once. Variables hold ids, flags and small
 * values only; the change's data lives in Patchflow's tables.
 */
public final class LifecycleVariables {

    public static final String CHANGE_ID = "changeId";
    public static final String CHANGE_TITLE = "changeTitle";
    public static final String HOST_COUNT = "hostCount";
    public static final String PRIORITY = "priority";
    public static final String SLA_DAYS = "slaDays";
    public static final String CHANGE_TYPE = "changeType";
    public static final String CAB_QUORUM = "cabQuorum";
    public static final String TEST_SIGN_OFF_REQUIRED = "testSignOffRequired";
    public static final String APPROVAL_ESCALATION = "approvalEscalation";
    public static final String TICKET_KEY = "ticketKey";
    public static final String TEST_PASSED = "testPassed";
    public static final String APPROVAL_DECIDED = "approvalDecided";
    public static final String APPROVED = "approved";
    public static final String WINDOW_START = "windowStart";
    public static final String WINDOW_OPEN = "windowOpen";
    public static final String FREEZE_OVERRIDE_REQUESTED = "freezeOverrideRequested";
    public static final String RETRY_ROLLOUT = "retryRollout";
    public static final String REMEDIATION_RETRY = "remediationRetry";
    public static final String VERIFIED = "verified";
    public static final String ACCEPT_RISK = "acceptRisk";
    public static final String RISK_EXPIRES_AT = "riskExpiresAt";
    public static final String PIR_REQUIRED = "pirRequired";
    public static final String CANCELLED_BY = "cancelledBy";
    public static final String CANCEL_REASON = "cancelReason";

    // staged-rollout
    public static final String ROLLOUT_STAGE = "rolloutStage";
    public static final String ROLLOUT_ID = "rolloutId";
    public static final String RING_COUNT = "ringCount";
    /** Whether the ring that completed last is the stage's last: the loop over the rings ends. */
    public static final String LAST_RING = "lastRing";
    public static final String ROLLOUT_HALTED = "rolloutHalted";
    public static final String ROLLOUT_SUCCEEDED = "rolloutSucceeded";
    /** The {@code BatchOutcome} of the last batch, by name: MORE_BATCHES, RING_COMPLETED, BUDGET_BREACHED... */
    public static final String BATCH_OUTCOME = "batchOutcome";
    public static final String NEXT_WINDOW_START = "nextWindowStart";
    public static final String MANUAL_PROMOTION = "manualPromotion";
    public static final String SOAK_REQUIRED = "soakRequired";
    public static final String SOAK_DURATION = "soakDuration";
    public static final String PROMOTE = "promote";

    private LifecycleVariables() {
    }

    public static String changeId(VariableScope scope) {
        Object id = scope.getVariable(CHANGE_ID);
        if (id == null) {
            throw new IllegalStateException("Process variable " + CHANGE_ID + " is missing");
        }
        return id.toString();
    }

    public static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    public static boolean flag(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value instanceof Boolean b ? b : "true".equals(value);
    }

    public static int integer(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalStateException("Process variable " + name + " is not a number: " + value);
    }

    public static long rolloutId(VariableScope scope) {
        Object value = scope.getVariable(ROLLOUT_ID);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("Process variable " + ROLLOUT_ID + " is missing");
    }

    /** Whether a window that starts at {@code start} is open already: then no timer needs to wait for it. */
    public static boolean openNow(Instant start) {
        return !start.isAfter(Instant.now());
    }

    public static Date date(Instant instant) {
        return Date.from(instant);
    }

    /** Timer durations as ISO-8601 strings, which Camunda timers read directly. */
    public static String duration(Duration duration) {
        return duration.toString();
    }
}
