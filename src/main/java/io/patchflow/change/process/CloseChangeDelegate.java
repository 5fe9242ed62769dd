package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeClosure;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stage 9: the ticket is transitioned and the change's trail sealed. */
@Component
class CloseChangeDelegate implements JavaDelegate {

    private final ChangeClosure closure;

    CloseChangeDelegate(ChangeClosure closure) {
        this.closure = closure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        closure.close(changeId(execution));
    }
}
