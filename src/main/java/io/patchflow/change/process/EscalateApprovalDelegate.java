package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeDecisions;
import io.patchflow.security.Roles;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * An approval is overdue: the change managers may now see and act on the open vote tasks. The votes themselves
 * stay with the CAB; escalation makes someone responsible for chasing them.
 */
@Component
class EscalateApprovalDelegate implements JavaDelegate {

    private final ChangeDecisions decisions;
    private final TaskService tasks;

    EscalateApprovalDelegate(ChangeDecisions decisions, TaskService tasks) {
        this.decisions = decisions;
        this.tasks = tasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String voteTask = execution.getCurrentActivityId().equals("escalateEcab") ? "ecabVote" : "cabVote";
        List<Task> open = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(voteTask).list();
        open.forEach(task -> tasks.addCandidateGroup(task.getId(), Roles.CHANGE_MANAGERS));
        decisions.escalated(changeId(execution), voteTask.equals("ecabVote") ? "ecab" : "cab",
                open.stream().map(Task::getId).toList());
    }
}
