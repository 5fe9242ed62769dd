package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.SeparationOfDuties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Separation of duties in the engine: on assignment the new assignee is checked, on completion the person
 * completing. Whoever the client is, a refused person cannot claim or complete the task.
 */
@Component("separationOfDuties")
class SeparationOfDutiesListener implements TaskListener {

    private final SeparationOfDuties rules;
    private final IdentityService identity;

    SeparationOfDutiesListener(SeparationOfDuties rules, IdentityService identity) {
        this.rules = rules;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        String user;
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            if (task.getAssignee() == null) {
                return;
            }
            user = task.getAssignee();
        } else {
            user = Actor.of(task, identity);
        }
        rules.check(changeId(task), task.getTaskDefinitionKey(), user);
    }
}
