package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.testsupport.PostgresIntegrationTest;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

/**
 * Readiness includes the {@code jobExecutor} component: it is down while the job executor is not running (before the
 * engine starts it), so a load balancer sends no work to that node. The figures come from the real engine.
 */
class JobExecutorHealthIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    EngineMetrics engine;
    @Autowired
    JobExecutorHealth running;

    @Test
    void downWhileTheJobExecutorIsNotRunning() {
        assertThat(new JobExecutorHealth(new DefaultJobExecutor(), engine).health().getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void upWithItsFiguresOnceItRuns() {
        var health = running.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("dueJobsNotAcquired", "failedJobs", "openIncidents");
    }
}
