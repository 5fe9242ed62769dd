package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.LifecycleEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import io.patchflow.shared.ConflictException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.NativeHistoricActivityInstanceQuery;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The lifecycle on the embedded Camunda engine: process {@code patch-lifecycle}, business key = change id. */
@Component
class CamundaLifecycleEngine implements LifecycleEngine {

    static final String LIFECYCLE = "patch-lifecycle";
    static final String CANCEL_MESSAGE = "CancelChange";
    static final String DETECTED_MESSAGE = "PatchDetected";
    /** The incident type Cockpit shows for a change held up by its ticket system. */
    static final String TICKET_INCIDENT = "ticketUpdateFailed";

    /** A cancel that meets a job of the same change at the same moment is tried again this often. */
    static final int CANCEL_ATTEMPTS = 4;

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final TransactionTemplate ownTransaction;

    CamundaLifecycleEngine(RuntimeService runtime, HistoryService history, ManagementService management,
            PlatformTransactionManager transactions) {
        this.runtime = runtime;
        this.history = history;
        this.management = management;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public String start(String changeId, String title) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CHANGE_ID, changeId);
        variables.put(CHANGE_TITLE, title);
        return runtime.startProcessInstanceByKey(LIFECYCLE, changeId, variables).getId();
    }

    @Override
    public String startDetected(String changeId, String title) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CHANGE_ID, changeId);
        variables.put(CHANGE_TITLE, title);
        return runtime.createMessageCorrelation(DETECTED_MESSAGE).processInstanceBusinessKey(changeId)
                .setVariables(variables).correlateStartMessage().getId();
    }

    @Override
    public void cancel(String changeId, String user, String reason) {
        // A suspended instance takes no message: say why instead of failing on the correlation.
        if (runtime.createProcessInstanceQuery().processDefinitionKey(LIFECYCLE).processInstanceBusinessKey(changeId)
                .suspended().count() > 0) {
            throw new ConflictException(changeId + " is held because an update of its ticket could not be delivered"
                    + " (incident " + TICKET_INCIDENT + "); fix the ticket system and POST /api/v1/itsm/updates/"
                    + changeId + "/retry before cancelling it");
        }
        // The job executor may be moving the same instance on (a job commits while the cancel message is being
        // correlated): the engine then refuses the cancel's flush with an optimistic locking failure. The user's
        // cancel must not fail for that, so it is correlated again, in a transaction of its own each time.
        for (int attempt = 1; ; attempt++) {
            try {
                ownTransaction.executeWithoutResult(status -> runtime.createMessageCorrelation(CANCEL_MESSAGE)
                        .processInstanceBusinessKey(changeId)
                        .setVariable(CANCELLED_BY, user)
                        .setVariable(CANCEL_REASON, reason)
                        .correlate());
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == CANCEL_ATTEMPTS) {
                    throw new ConflictException(changeId + " is changing right now (" + CANCEL_ATTEMPTS
                            + " attempts to cancel it met its own steps); try again in a moment");
                }
                pause(attempt * 50L);
            }
        }
    }

    /**
     * An incident on the change's instance says what went wrong; suspending the instance (and its running rollout)
     * keeps its jobs from running and its tasks from being completed, so the change cannot move on while its ticket
     * misses a decision. Done again when the engine meets a job of the same instance at the same moment.
     */
    @Override
    public void holdForTicketSystem(String changeId, String message) {
        retrying(changeId, "hold", () -> instancesOf(changeId).forEach(id -> {
            if (runtime.createIncidentQuery().processInstanceId(id).incidentType(TICKET_INCIDENT).count() == 0) {
                runtime.createIncident(TICKET_INCIDENT, id, "change:" + changeId, message);
            }
            runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(id).suspend();
        }));
    }

    @Override
    public void releaseFromTicketSystem(String changeId) {
        retrying(changeId, "release", () -> instancesOf(changeId).forEach(id -> {
            runtime.createIncidentQuery().processInstanceId(id).incidentType(TICKET_INCIDENT).list()
                    .forEach(incident -> runtime.resolveIncident(incident.getId()));
            runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(id).activate();
        }));
    }

    /** The change's lifecycle instance and the rollouts it called, if it is still running. */
    private List<String> instancesOf(String changeId) {
        List<String> ids = new ArrayList<>();
        runtime.createProcessInstanceQuery().processDefinitionKey(LIFECYCLE).processInstanceBusinessKey(changeId)
                .list().forEach(lifecycle -> {
                    ids.add(lifecycle.getId());
                    runtime.createProcessInstanceQuery().superProcessInstanceId(lifecycle.getId()).list()
                            .forEach(called -> ids.add(called.getId()));
                });
        return ids;
    }

    private void retrying(String changeId, String what, Runnable action) {
        for (int attempt = 1; ; attempt++) {
            try {
                ownTransaction.executeWithoutResult(status -> action.run());
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == CANCEL_ATTEMPTS) {
                    throw new ConflictException("Could not " + what + " " + changeId + " after " + CANCEL_ATTEMPTS
                            + " attempts: it kept changing");
                }
                pause(attempt * 50L);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cancelling", e);
        }
    }

    /**
     * Active steps of each change, then of its running rollout (the called process shares the change's root process
     * instance): e.g. "Staged rollout: canary, pilot, broad" followed by "Soak time over". The engine's activity
     * query takes one process instance; its native form takes a whole page of changes in one statement.
     */
    @Override
    public Map<String, List<String>> activeSteps(List<String> processInstanceIds) {
        Map<String, List<String>> steps = new HashMap<>();
        if (processInstanceIds.isEmpty()) {
            return steps;
        }
        NativeHistoricActivityInstanceQuery query = history.createNativeHistoricActivityInstanceQuery();
        StringJoiner roots = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < processInstanceIds.size(); i++) {
            query.parameter("root" + i, processInstanceIds.get(i));
            roots.add("#{root" + i + "}");
        }
        query.sql("SELECT * FROM " + management.getTableName(HistoricActivityInstance.class)
                + " WHERE ROOT_PROC_INST_ID_ IN " + roots + " AND END_TIME_ IS NULL"
                + " ORDER BY START_TIME_, SEQUENCE_COUNTER_");
        for (HistoricActivityInstance activity : query.list()) {
            String name = activity.getActivityName();
            List<String> ofChange = steps.computeIfAbsent(activity.getRootProcessInstanceId(), id -> new ArrayList<>());
            if (name != null && !name.isBlank() && !ofChange.contains(name)) {
                ofChange.add(name);
            }
        }
        return steps;
    }
}
