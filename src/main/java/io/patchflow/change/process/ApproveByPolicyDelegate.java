package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stage 5, standard changes: approved by policy, and recorded as such. */
@Component
class ApproveByPolicyDelegate implements JavaDelegate {

    private final ChangeDecisions decisions;

    ApproveByPolicyDelegate(ChangeDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        decisions.approveByPolicy(changeId(execution));
        execution.setVariable(APPROVED, true);
    }
}
