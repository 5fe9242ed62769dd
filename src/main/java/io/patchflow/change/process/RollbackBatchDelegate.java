package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeRolloutSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Compensation of one deployed batch: the engine calls it once per completed batch of the breached ring, newest
 * first, and each call restores the newest batch not yet rolled back.
 */
@Component
class RollbackBatchDelegate implements JavaDelegate {

    private final ChangeRolloutSteps steps;

    RollbackBatchDelegate(ChangeRolloutSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.rollbackBatch(rolloutId(execution));
    }
}
