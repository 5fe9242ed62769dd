package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeRolloutSteps;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Staged rollout: the ring's next batch through the deployment back end, and its following batches while they come
 * back quickly (ChangeRolloutSteps#deployBatches); the last outcome tells the gateway what follows.
 */
@Component
class DeployBatchDelegate implements JavaDelegate {

    private final ChangeRolloutSteps steps;

    DeployBatchDelegate(ChangeRolloutSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String changeId = changeId(execution);
        BatchReport report = steps.deployBatches(changeId, string(execution, ROLLOUT_STAGE), rolloutId(execution));
        // Transient: the gateways and timers right after this step read them in the same transaction, and the batch's
        // outcome is on record in the audit trail (rollout.batch). Stored, each would also be a runtime row with its
        // history, for every deploy step of every ring. They are set on the rollout's process instance, not on the
        // ring: a completed ring keeps a snapshot of its own variables for compensation, and that snapshot stores
        // every value it copies, transient or not (four variables of every ring, with their history).
        DelegateExecution rollout = execution.getProcessInstance();
        rollout.setVariableLocal(BATCH_OUTCOME, Variables.stringValue(report.outcome().name(), true));
        if (report.outcome() == BatchOutcome.RING_COMPLETED) {
            // Stored: the loop over the rings reads it after the ring, which may first wait for a soak or a person.
            rollout.setVariableLocal(LAST_RING, report.lastRing());
            rollout.setVariableLocal(MANUAL_PROMOTION,
                    Variables.booleanValue(!report.lastRing() && report.manualPromotion(), true));
            rollout.setVariableLocal(SOAK_REQUIRED,
                    Variables.booleanValue(!report.lastRing() && !report.soak().isZero(), true));
            rollout.setVariableLocal(SOAK_DURATION, Variables.stringValue(duration(report.soak()), true));
        } else if (report.outcome() == BatchOutcome.WINDOW_CLOSED) {
            rollout.setVariableLocal(NEXT_WINDOW_START, Variables.dateValue(date(steps.nextWindow(changeId)), true));
        }
    }
}
