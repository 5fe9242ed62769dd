package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeRolloutSteps;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
        // One variable per batch: every variable update is a history row, and a rollout has many batches.
        execution.setVariableLocal(BATCH_OUTCOME, report.outcome().name());
        if (report.outcome() == BatchOutcome.RING_COMPLETED) {
            execution.setVariableLocal(MANUAL_PROMOTION, !report.lastRing() && report.manualPromotion());
            execution.setVariableLocal(SOAK_REQUIRED, !report.lastRing() && !report.soak().isZero());
            execution.setVariableLocal(SOAK_DURATION, duration(report.soak()));
        } else if (report.outcome() == BatchOutcome.WINDOW_CLOSED) {
            execution.setVariableLocal(NEXT_WINDOW_START, date(steps.nextWindow(changeId)));
        }
    }
}
