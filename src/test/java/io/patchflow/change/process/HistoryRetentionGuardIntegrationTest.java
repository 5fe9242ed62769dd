package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.audit.AuditTrail;
import io.patchflow.testsupport.HistoryCleanupRun;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A definition deployed with a time-to-live shorter than the audit retention (an older configuration, or a model
 * that names its own) would have its history cleaned up too early; the guard raises it, and clean-up applies the
 * raised one to instances that have already ended.
 */
class HistoryRetentionGuardIntegrationTest extends PostgresIntegrationTest {

    private static final int RETENTION_DAYS = 2555;

    @Autowired
    HistoryRetentionGuard guard;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTimeToLiveShorterThanTheRetentionIsRaisedForInstancesThatHaveEndedToo() throws Exception {
        String key = "retention-probe-" + UUID.randomUUID().toString().substring(0, 8);
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(30)
                .startEvent().endEvent().done();
        repository.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy();
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .singleResult();
        // Ended 100 days ago: past the deployed 30 days, well inside the retention. Ended a day past the retention:
        // clean-up removes it, which shows that the run below did clean up.
        String insideRetention = runtime.startProcessInstanceById(definition.getId()).getId();
        String pastRetention = runtime.startProcessInstanceById(definition.getId()).getId();
        HistoryCleanupRun cleanup = new HistoryCleanupRun(history, management, jdbc);
        cleanup.ageHierarchy(insideRetention, 100);
        cleanup.ageHierarchy(pastRetention, RETENTION_DAYS + 1);

        assertThat(guard.enforce()).contains(definition.getId());
        cleanup.until(() -> !exists(pastRetention), "the instance past the retention removed");

        assertThat(exists(insideRetention)).as("ended 100 days ago, inside the retention").isTrue();
        assertThat(repository.getProcessDefinition(definition.getId()).getHistoryTimeToLive()).isEqualTo(RETENTION_DAYS);
        String recorded = jdbc.sql("SELECT CAST(outcome AS text) FROM audit_entry WHERE kind = "
                + "'retention.history-ttl-raised' ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY").query(String.class).single();
        assertThat(recorded).contains(definition.getId());
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void definitionsAtTheRetentionAreLeftAlone() {
        guard.enforce();

        assertThat(guard.enforce()).isEmpty();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("patch-lifecycle").latestVersion()
                .singleResult().getHistoryTimeToLive()).isEqualTo(RETENTION_DAYS);
    }

    private boolean exists(String processInstanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() == 1;
    }
}
