package io.patchflow.change.process;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tasks}: the open tasks the caller may see, claim and complete with the form fields of
 * ARCHITECTURE.md ({@code {"vote":"approve","reason":"..."}}). Bad fields answer 400 naming the field; separation of
 * duties answers 403 naming the rule; a task claimed by someone else answers 409.
 */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

    private final TaskActions actions;

    TaskController(TaskActions actions) {
        this.actions = actions;
    }

    @GetMapping
    List<TaskActions.TaskView> tasks(@RequestParam(required = false) String changeId) {
        return actions.visibleTasks(changeId);
    }

    @PostMapping("/{id}/claim")
    TaskActions.TaskView claim(@PathVariable String id) {
        return actions.claim(id);
    }

    @PostMapping("/{id}/complete")
    TaskActions.TaskView complete(@PathVariable String id, @RequestBody(required = false) Map<String, Object> form) {
        return actions.complete(id, form);
    }
}
