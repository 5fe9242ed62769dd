package io.patchflow.change.process;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code jobExecutor} component of /actuator/health and of readiness (replacing Camunda's own, which has no
 * figures): down until the job executor runs, so a load balancer sends nothing to a node whose engine is not working
 * yet. The backlog and the failed jobs are details, not a reason to be down: they are shared by every node of the
 * cluster, and taking all nodes out of the balancer would not help (docs/operations.md says what they mean).
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

    private final JobExecutor executor;
    private final EngineMetrics engine;

    JobExecutorHealth(JobExecutor executor, EngineMetrics engine) {
        this.executor = executor;
        this.engine = engine;
    }

    @Override
    public Health health() {
        Health.Builder health = executor.isActive() ? Health.up() : Health.down();
        return health.withDetail("active", executor.isActive())
                .withDetail("dueJobsNotAcquired", engine.count(EngineMetrics.BACKLOG))
                .withDetail("failedJobs", engine.count(EngineMetrics.FAILED))
                .withDetail("openIncidents", engine.count(EngineMetrics.INCIDENTS))
                .build();
    }
}
