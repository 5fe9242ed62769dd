package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeVerification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stage 8: rescan the patched hosts; the change closes only when its advisories are gone. */
@Component
class VerifyPatchDelegate implements JavaDelegate {

    private final ChangeVerification verification;

    VerifyPatchDelegate(ChangeVerification verification) {
        this.verification = verification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VERIFIED, verification.verify(changeId(execution)));
    }
}
