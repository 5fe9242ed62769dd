package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.changeId;

import io.patchflow.change.internal.ChangeProgress;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When a human task is created, the change's state names what it now waits for. */
@Component("changeStateTracker")
class ChangeStateTracker implements TaskListener {

    private final ChangeProgress progress;

    ChangeStateTracker(ChangeProgress progress) {
        this.progress = progress;
    }

    @Override
    public void notify(DelegateTask task) {
        progress.waitingFor(changeId(task), task.getTaskDefinitionKey());
    }
}
