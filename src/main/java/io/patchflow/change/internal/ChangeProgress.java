package io.patchflow.change.internal;

import static io.patchflow.change.internal.HumanTasks.*;

import io.patchflow.change.ChangeState;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the change's state in step with the person it is waiting for, so lists and reports say who is next. */
@Component
public class ChangeProgress {

    private final ChangeRepository changes;

    ChangeProgress(ChangeRepository changes) {
        this.changes = changes;
    }

    @Transactional
    public void waitingFor(String changeId, String taskKey) {
        switch (taskKey) {
            case SIGN_OFF_TEST -> changes.moveTo(changeId, ChangeState.IN_TEST, "test");
            case CAB_VOTE, ECAB_VOTE -> changes.moveTo(changeId, ChangeState.AWAITING_APPROVAL, "approval");
            case OVERRIDE_FREEZE -> changes.moveTo(changeId, ChangeState.SCHEDULED, "scheduling");
            case PROMOTE_RING -> changes.moveTo(changeId, ChangeState.ROLLING_OUT, "rollout");
            case FAILED_ROLLOUT -> changes.moveTo(changeId, ChangeState.ROLLOUT_HALTED, "rollout");
            case REMEDIATE -> changes.moveTo(changeId, ChangeState.REMEDIATION, "verification");
            case REVIEW -> changes.moveTo(changeId, ChangeState.IN_REVIEW, "closure");
            default -> {
            }
        }
    }
}
