package io.patchflow.change.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.patchflow.shared.CachedCounts;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's figures, read together every 5 s (three count queries, whatever the scrape rate):
 * {@code patchflow_jobs_backlog} (jobs due and runnable that no node has acquired yet: grows when the job executors
 * cannot keep up), {@code patchflow_jobs_failed} (jobs with no retries left: each is an incident someone must
 * resolve) and {@code patchflow_incidents_open}.
 */
@Component
class EngineMetrics {

    static final String BACKLOG = "backlog";
    static final String FAILED = "failed";
    static final String INCIDENTS = "incidents";

    private final CachedCounts counts;

    EngineMetrics(ManagementService management, RuntimeService runtime, MeterRegistry registry) {
        this.counts = new CachedCounts(() -> Map.of(
                // Two counts, not one query, so they may race: never report a negative backlog.
                BACKLOG, Math.max(0, management.createJobQuery().executable().count()
                        - management.createJobQuery().executable().acquired().count()),
                FAILED, management.createJobQuery().noRetriesLeft().count(),
                INCIDENTS, runtime.createIncidentQuery().count()), Duration.ofSeconds(5));
        gauge(registry, "patchflow.jobs.backlog", BACKLOG, "Due jobs no job executor has acquired yet");
        gauge(registry, "patchflow.jobs.failed", FAILED, "Jobs with no retries left");
        gauge(registry, "patchflow.incidents.open", INCIDENTS, "Open engine incidents");
    }

    long count(String figure) {
        return counts.get(figure);
    }

    private void gauge(MeterRegistry registry, String name, String figure, String description) {
        Gauge.builder(name, counts, c -> c.get(figure)).strongReference(true).description(description)
                .register(registry);
    }
}
