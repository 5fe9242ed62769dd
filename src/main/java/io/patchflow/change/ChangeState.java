package io.patchflow.change;

/** Where a change stands in its lifecycle, coarse enough for reports; the engine knows the exact step. */
public enum ChangeState {
    REQUESTED, EVALUATED, IN_TEST, AWAITING_APPROVAL, APPROVED, SCHEDULED, ROLLING_OUT, ROLLOUT_HALTED, VERIFYING,
    REMEDIATION, RISK_ACCEPTED, IN_REVIEW, CLOSED, REJECTED, CANCELLED, ABORTED, NOT_AFFECTED;

    public boolean isFinal() {
        return this == CLOSED || this == REJECTED || this == CANCELLED || this == ABORTED || this == NOT_AFFECTED;
    }
}
