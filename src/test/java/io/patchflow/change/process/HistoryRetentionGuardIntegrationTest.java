package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.patchflow.audit.AuditTrail;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A definition deployed with a time-to-live shorter than the audit retention (an older configuration, or a model
 * that names its own) would have its history cleaned up too early; the guard raises it, and the removal times its
 * finished instances already have.
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
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTimeToLiveShorterThanTheRetentionIsRaisedWithTheRemovalTimesOfFinishedInstances() throws Exception {
        String key = "retention-probe-" + UUID.randomUUID().toString().substring(0, 8);
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(30)
                .startEvent().endEvent().done();
        repository.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy();
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .singleResult();
        String instance = runtime.startProcessInstanceById(definition.getId()).getId();
        HistoricProcessInstance ended = finished(instance);
        assertThat(ended.getRemovalTime().toInstant())
                .isCloseTo(ended.getEndTime().toInstant().plus(30, ChronoUnit.DAYS), within(1, ChronoUnit.HOURS));

        assertThat(guard.enforce()).contains(definition.getId());

        assertThat(repository.getProcessDefinition(definition.getId()).getHistoryTimeToLive()).isEqualTo(RETENTION_DAYS);
        Instant required = ended.getEndTime().toInstant().plus(RETENTION_DAYS, ChronoUnit.DAYS);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (finished(instance).getRemovalTime().toInstant().isBefore(required.minus(1, ChronoUnit.HOURS))) {
            assertThat(Instant.now()).as("removal time recalculated within 60 s").isBefore(deadline);
            Thread.sleep(250);
        }
        assertThat(finished(instance).getRemovalTime().toInstant()).isCloseTo(required, within(1, ChronoUnit.HOURS));
        assertThat(jdbc.sql("SELECT count(*) FROM act_hi_actinst WHERE proc_inst_id_ = :id AND removal_time_ < :required")
                .param("id", instance).param("required", Timestamp.from(required.minus(1, ChronoUnit.HOURS)))
                .query(Long.class).single()).isZero();
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

    private HistoricProcessInstance finished(String instance) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().singleResult();
    }
}
