package io.patchflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Camunda's end-time based history clean-up, run now instead of in its night window, on history made to look as old
 * as a test needs: clean-up compares a process instance's end (a decision's evaluation) plus its definition's
 * time-to-live with the current time, so moving those instants back is what years passing would do to them.
 */
public final class HistoryCleanupRun {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HistoryService history;
    private final ManagementService management;
    private final JdbcClient jdbc;

    public HistoryCleanupRun(HistoryService history, ManagementService management, JdbcClient jdbc) {
        this.history = history;
        this.management = management;
        this.jdbc = jdbc;
    }

    /** Moves a finished process instance, the instances it called and their decisions {@code days} into the past. */
    public void ageHierarchy(String rootProcessInstanceId, int days) {
        String interval = days + " days";
        jdbc.sql("UPDATE act_hi_procinst SET start_time_ = start_time_ - CAST(:interval AS interval), "
                        + "end_time_ = end_time_ - CAST(:interval AS interval) WHERE root_proc_inst_id_ = :root")
                .param("interval", interval).param("root", rootProcessInstanceId).update();
        jdbc.sql("UPDATE act_hi_decinst SET eval_time_ = eval_time_ - CAST(:interval AS interval) "
                        + "WHERE root_proc_inst_id_ = :root")
                .param("interval", interval).param("root", rootProcessInstanceId).update();
    }

    /**
     * Forces a clean-up run now and runs its job until {@code done} holds; the job executor may run the same job
     * meanwhile, which does the same work.
     */
    public void until(BooleanSupplier done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within " + PATIENCE.toSeconds() + " s").isBefore(deadline);
            Job cleanup = history.cleanUpHistoryAsync(true);
            try {
                management.executeJob(cleanup.getId());
            } catch (OptimisticLockingException ranByTheJobExecutorMeanwhile) {
                Thread.sleep(250);
            }
        }
    }
}
