package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeRolloutSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stops the ring loop: a breached budget (after rollback) or a refused promotion. */
@Component
class HaltRolloutDelegate implements JavaDelegate {

    private final ChangeRolloutSteps steps;

    HaltRolloutDelegate(ChangeRolloutSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = "holdRollout".equals(execution.getCurrentActivityId())
                ? "promotion to the next ring refused" : "failure budget exceeded; ring rolled back";
        steps.halt(changeId(execution), string(execution, ROLLOUT_STAGE), rolloutId(execution), reason);
        execution.setVariable(ROLLOUT_HALTED, true);
        execution.setVariable(ROLLOUT_SUCCEEDED, false);
    }
}
