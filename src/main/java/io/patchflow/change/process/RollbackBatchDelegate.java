package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeRolloutSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Compensation of the deployed batches: the engine calls it once per completed "Deploy batches" step of the breached
 * ring, newest first. One step may have deployed several batches, and a step retried after a crash does not know
 * which batches its first run deployed, so each call restores every batch of the ring not yet rolled back, newest
 * first; the calls after the first find nothing left.
 */
@Component
class RollbackBatchDelegate implements JavaDelegate {

    private final ChangeRolloutSteps steps;

    RollbackBatchDelegate(ChangeRolloutSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.rollbackBreachedRing(rolloutId(execution));
    }
}
