package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeClosure;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A cancellation (from the API, later from the ITSM system) ends the change, recording who and why. */
@Component
class CancelChangeDelegate implements JavaDelegate {

    private final ChangeClosure closure;

    CancelChangeDelegate(ChangeClosure closure) {
        this.closure = closure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closure.cancel(changeId(execution), string(execution, CANCELLED_BY), string(execution, CANCEL_REASON));
    }
}
