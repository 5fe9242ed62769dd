package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.LifecycleEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

/** The lifecycle on the embedded Camunda engine: process {@code patch-lifecycle}, business key = change id. */
@Component
class CamundaLifecycleEngine implements LifecycleEngine {

    static final String LIFECYCLE = "patch-lifecycle";
    static final String CANCEL_MESSAGE = "CancelChange";
    static final String DETECTED_MESSAGE = "PatchDetected";

    private final RuntimeService runtime;
    private final HistoryService history;

    CamundaLifecycleEngine(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    @Override
    public String start(String changeId, String title) {
        Map<String, Object> variables = new HashMap<>(INITIAL_FLAGS);
        variables.put(CHANGE_ID, changeId);
        variables.put(CHANGE_TITLE, title);
        return runtime.startProcessInstanceByKey(LIFECYCLE, changeId, variables).getId();
    }

    @Override
    public String startDetected(String changeId, String title) {
        Map<String, Object> variables = new HashMap<>(INITIAL_FLAGS);
        variables.put(CHANGE_ID, changeId);
        variables.put(CHANGE_TITLE, title);
        return runtime.createMessageCorrelation(DETECTED_MESSAGE).processInstanceBusinessKey(changeId)
                .setVariables(variables).correlateStartMessage().getId();
    }

    @Override
    public void cancel(String changeId, String user, String reason) {
        runtime.createMessageCorrelation(CANCEL_MESSAGE)
                .processInstanceBusinessKey(changeId)
                .setVariable(CANCELLED_BY, user)
                .setVariable(CANCEL_REASON, reason)
                .correlate();
    }

    /**
     * Active steps of the change, then of its running rollout (the called process): e.g. "Staged rollout: canary,
     * pilot, broad" followed by "Soak time over".
     */
    @Override
    public List<String> activeSteps(String processInstanceId) {
        List<String> steps = new ArrayList<>(unfinishedSteps(processInstanceId));
        runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()
                .forEach(rollout -> steps.addAll(unfinishedSteps(rollout.getId())));
        return steps.stream().distinct().toList();
    }

    private List<String> unfinishedSteps(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).unfinished().orderByHistoricActivityInstanceStartTime().asc()
                .list().stream()
                .map(HistoricActivityInstance::getActivityName)
                .filter(name -> name != null && !name.isBlank())
                .toList();
    }
}
