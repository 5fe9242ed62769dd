package io.patchflow.change.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who acts on a task: the user the engine has authenticated for this call (Tasklist, engine REST, the Patchflow
 * API), else the task's assignee (the engine's own calls, e.g. in tests).
 */
final class Actor {

    private Actor() {
    }

    static String of(DelegateTask task, IdentityService identity) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee();
    }
}
