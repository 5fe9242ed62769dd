package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.testsupport.PostgresIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

/**
 * Readiness includes the {@code jobExecutor} component: it is down while the job executor is not running (before the
 * engine starts it), so a load balancer sends no work to that node. The figures come from the real engine. The same
 * engine's DMN decisions run on {@link CachedFeelEngine} (its equivalence with Camunda's is {@code CachedFeelEngineTest}).
 */
class JobExecutorHealthIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    EngineMetrics engine;
    @Autowired
    JobExecutorHealth running;
    @Autowired
    ProcessEngine processEngine;

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

    @Test
    void decisionsRunOnTheCachedFeelEngine() {
        var configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(CachedScalaFeelEngine.class);
    }
}
