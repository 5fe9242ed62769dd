package io.patchflow.change.process;

import io.patchflow.security.CurrentUser;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.NotFoundException;
import io.patchflow.shared.RuleViolationException;
import io.patchflow.shared.logging.ChangeLogContext;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human tasks for API clients, under Camunda's authorizations for the calling user: the same rules as Tasklist
 * (candidate groups, separation of duties, form validation), with answers a client can act on instead of an
 * engine stack trace.
 */
@Service
class TaskActions {

    private final TaskService tasks;
    private final IdentityService identity;

    TaskActions(TaskService tasks, IdentityService identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    record TaskView(String id, String name, String taskDefinitionKey, String changeId, String assignee,
            Date created, Date due, String processInstanceId) {
    }

    List<TaskView> visibleTasks(String changeId) {
        return asCaller(() -> {
            var query = tasks.createTaskQuery().active().orderByTaskCreateTime().desc();
            if (changeId != null) {
                query = query.processInstanceBusinessKey(changeId);
            }
            return query.listPage(0, 500).stream().map(t -> view(t)).toList();
        });
    }

    /** Claims the task for the caller if it is free, then completes it with the form values; all or nothing. */
    @Transactional
    TaskView complete(String taskId, Map<String, Object> form) {
        return asCaller(() -> {
            Task task = visible(taskId);
            TaskView completed = view(task);
            // The task is the change's: what its completion logs (listeners, refusals) says so.
            try (ChangeLogContext.Scope logContext = ChangeLogContext.open(completed.changeId())) {
                String user = CurrentUser.id().orElseThrow();
                if (task.getAssignee() == null) {
                    tasks.claim(taskId, user);
                } else if (!task.getAssignee().equals(user)) {
                    throw new ConflictException("Task " + taskId + " is claimed by " + task.getAssignee());
                }
                tasks.complete(taskId, form == null ? Map.of() : form);
                return completed;
            }
        });
    }

    @Transactional
    TaskView claim(String taskId) {
        return asCaller(() -> {
            try (ChangeLogContext.Scope logContext = ChangeLogContext.open(view(visible(taskId)).changeId())) {
                tasks.claim(taskId, CurrentUser.id().orElseThrow());
                return view(visible(taskId));
            }
        });
    }

    private Task visible(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new NotFoundException("No open task " + taskId + " that you may see");
        }
        return task;
    }

    private TaskView view(Task t) {
        Object changeId = tasks.getVariable(t.getId(), LifecycleVariables.CHANGE_ID);
        return new TaskView(t.getId(), t.getName(), t.getTaskDefinitionKey(),
                changeId == null ? null : changeId.toString(), t.getAssignee(), t.getCreateTime(), t.getDueDate(),
                t.getProcessInstanceId());
    }

    /** Runs engine calls as the authenticated caller and turns engine failures into the API's problem types. */
    private <T> T asCaller(Supplier<T> action) {
        identity.setAuthentication(CurrentUser.id().orElseThrow(), CurrentUser.groups());
        try {
            return action.get();
        } catch (TaskAlreadyClaimedException e) {
            throw new ConflictException(e.getMessage());
        } catch (AuthorizationException e) {
            throw new RuleViolationException("authorization", "You may not act on this task: " + e.getMessage());
        } catch (RuntimeException e) {
            RuntimeException domain = DomainFailure.in(e);
            throw domain != null ? domain : e;
        } finally {
            identity.clearAuthentication();
        }
    }
}
