package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeClosure;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A failed test or a refused approval ends the change as rejected, with its ticket. */
@Component
class RejectChangeDelegate implements JavaDelegate {

    private final ChangeClosure closure;

    RejectChangeDelegate(ChangeClosure closure) {
        this.closure = closure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closure.reject(changeId(execution));
    }
}
