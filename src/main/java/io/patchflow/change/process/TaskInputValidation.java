package io.patchflow.change.process;

import io.patchflow.change.internal.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Refuses to complete a task whose form values are missing or wrong, naming the field. */
@Component("taskInputValidation")
class TaskInputValidation implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        TaskInput.of(task.getVariables()).validateFor(task.getTaskDefinitionKey());
    }
}
