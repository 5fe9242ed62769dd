package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeRolloutSteps;
import io.patchflow.deployment.RolloutPlanned;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Staged rollout: plans the rings of this stage; the ring loop runs once per ring still to deploy. */
@Component
class PlanRolloutDelegate implements JavaDelegate {

    private final ChangeRolloutSteps steps;

    PlanRolloutDelegate(ChangeRolloutSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RolloutPlanned planned = steps.plan(changeId(execution), string(execution, ROLLOUT_STAGE),
                flag(execution, REMEDIATION_RETRY));
        execution.setVariable(ROLLOUT_ID, planned.rolloutId());
        execution.setVariable(RING_COUNT, planned.pendingRings());
        execution.setVariable(ROLLOUT_HALTED, false);
        execution.setVariable(ROLLOUT_SUCCEEDED, true);
    }
}
