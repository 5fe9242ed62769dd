package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeScheduling;
import io.patchflow.change.internal.NoMaintenanceWindowException;
import io.patchflow.change.internal.ScheduleDecision;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Stage 6: the window the change waits for. Without any window in reach the job fails and becomes an incident in
 * Cockpit: a calendar problem for a person to fix, not something to guess around.
 */
@Component
class ScheduleChangeDelegate implements JavaDelegate {

    private final ChangeScheduling scheduling;

    ScheduleChangeDelegate(ChangeScheduling scheduling) {
        this.scheduling = scheduling;
    }

    @Override
    public void execute(DelegateExecution execution) throws NoMaintenanceWindowException {
        ScheduleDecision decision = scheduling.schedule(changeId(execution));
        execution.setVariable(WINDOW_START, date(decision.windowStart()));
        execution.setVariable(FREEZE_OVERRIDE_REQUESTED, decision.freezeOverrideRequested());
        execution.setVariable(WINDOW_OPEN, openNow(decision.windowStart()));
    }
}
