package io.patchflow.change.process;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;

/** Drives the process tests' engine, whose job executor is off: due jobs now, a timer on demand. */
final class EngineJobs {

    private EngineJobs() {
    }

    /** Runs every job that is due now, in the process and in called processes, until none is left. */
    static void runDue(ProcessEngine engine) {
        ManagementService management = engine.getManagementService();
        for (int i = 0; i < 100; i++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("Jobs keep being created: the process loops");
    }

    /** Fires the (first) timer waiting at the activity, whenever it is due. */
    static void fireTimer(ProcessEngine engine, String activityId) {
        Job timer = engine.getManagementService().createJobQuery().timers().activityId(activityId).list().get(0);
        engine.getManagementService().executeJob(timer.getId());
    }
}
