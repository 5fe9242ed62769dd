package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;
import static io.patchflow.change.internal.HumanTasks.*;

import io.patchflow.change.internal.ChangeDecisions;
import io.patchflow.change.internal.ChangeVerification;
import io.patchflow.change.internal.TaskInput;
import io.patchflow.change.internal.VoteTally;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Records what a person decided on completing a task, and sets the flags the gateways after the task read. Runs
 * after validation and separation of duties, in the completing transaction: the decision and the process move
 * together, or not at all.
 */
@Component("taskDecisionRecorder")
class TaskDecisionRecorder implements TaskListener {

    private final ChangeDecisions decisions;
    private final ChangeVerification verification;
    private final IdentityService identity;

    TaskDecisionRecorder(ChangeDecisions decisions, ChangeVerification verification, IdentityService identity) {
        this.decisions = decisions;
        this.verification = verification;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        String changeId = changeId(task);
        String user = Actor.of(task, identity);
        TaskInput input = TaskInput.of(task.getVariables());
        switch (task.getTaskDefinitionKey()) {
            case SIGN_OFF_TEST -> task.setVariable(TEST_PASSED, decisions.signOffTest(changeId, user, input));
            case CAB_VOTE, ECAB_VOTE -> {
                VoteTally tally = decisions.vote(changeId, task.getTaskDefinitionKey(), task.getId(), user, input,
                        integer(task, CAB_QUORUM));
                task.setVariable(APPROVAL_DECIDED, tally.decided());
                task.setVariable(APPROVED, tally.approved());
            }
            case OVERRIDE_FREEZE -> {
                Instant start = decisions.freezeOverride(changeId, user, input);
                task.setVariable(WINDOW_START, date(start));
                task.setVariable(WINDOW_OPEN, openNow(start));
            }
            case FAILED_ROLLOUT -> {
                boolean retry = decisions.failedRollout(changeId, user, input);
                task.setVariable(RETRY_ROLLOUT, retry);
                task.setVariable(REMEDIATION_RETRY, false);
                if (!retry) {
                    task.setVariable(PIR_REQUIRED, true);
                }
            }
            case REMEDIATE -> {
                Instant expiry = decisions.remediate(changeId, user, input, verification.unverifiedHosts(changeId));
                task.setVariable(ACCEPT_RISK, expiry != null);
                task.setVariable(REMEDIATION_RETRY, expiry == null);
                if (expiry != null) {
                    task.setVariable(RISK_EXPIRES_AT, date(expiry));
                }
            }
            case REVIEW -> decisions.review(changeId, user, input);
            case PROMOTE_RING -> task.setVariable(LifecycleVariables.PROMOTE, decisions.promote(changeId, user, input));
            default -> throw new IllegalStateException("No decision is defined for task " + task.getTaskDefinitionKey());
        }
    }
}
