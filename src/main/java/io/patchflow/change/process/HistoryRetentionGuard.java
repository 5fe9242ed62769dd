package io.patchflow.change.process;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda's history clean-up from deleting a change's process history or job log before the audit retention
 * ({@code patchflow.audit.retention}) ends. The configured time-to-live only reaches definitions when they are
 * deployed: a model deployed earlier with a shorter one (an older configuration, a retention raised since, a model
 * that names its own) keeps it, because an unchanged model is not deployed again. At start-up this raises every such
 * definition to the retention. Clean-up is end-time based (the console's RetentionPolicy insists on it): it reads a
 * definition's time-to-live when it runs, so the raised one covers instances that have already ended too.
 * Definitions without a time-to-live are left alone: their history is never cleaned up. Changes
 * are recorded in the audit trail.
 */
@Component
class HistoryRetentionGuard {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetentionGuard.class);

    private final RepositoryService repository;
    private final AuditTrail audit;
    private final int retentionDays;

    HistoryRetentionGuard(RepositoryService repository, AuditTrail audit,
            @Value("${patchflow.audit.retention:P2555D}") String retention) {
        this.repository = repository;
        this.audit = audit;
        this.retentionDays = Math.toIntExact(Duration.parse(retention).toDays());
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        try {
            enforce();
        } catch (OptimisticLockingException e) {
            // Two nodes starting together: the other one raised the same definitions first.
            log.info("History time-to-live raised by another node at the same time: {}", e.getMessage());
        }
    }

    /** Raises short time-to-lives to the retention; answers the ids of the definitions it raised. */
    List<String> enforce() {
        List<String> raised = new ArrayList<>();
        Map<String, Object> before = new LinkedHashMap<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
            if (isShort(definition.getHistoryTimeToLive())) {
                before.put(definition.getId(), definition.getHistoryTimeToLive());
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), retentionDays);
                raised.add(definition.getId());
            }
        }
        for (DecisionDefinition definition : repository.createDecisionDefinitionQuery().list()) {
            if (isShort(definition.getHistoryTimeToLive())) {
                before.put(definition.getId(), definition.getHistoryTimeToLive());
                repository.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), retentionDays);
                raised.add(definition.getId());
            }
        }
        if (!raised.isEmpty()) {
            log.warn("History time-to-live of {} raised to the audit retention of {} days", raised, retentionDays);
            audit.record(new AuditRecord(null, "retention.history-ttl-raised", "system", "History time-to-live of "
                    + raised.size() + " definition(s) raised to the audit retention of " + retentionDays + " days",
                    "Camunda's history clean-up must not delete evidence before the audit retention ends",
                    Map.of("timeToLiveDaysBefore", before, "retentionDays", retentionDays),
                    Map.of("raised", raised)));
        }
        return raised;
    }

    private boolean isShort(Integer timeToLiveDays) {
        return timeToLiveDays != null && timeToLiveDays < retentionDays;
    }
}
