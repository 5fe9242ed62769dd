package io.patchflow.audit.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.testsupport.HistoryCleanupRun;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Camunda's history clean-up (end-time based, run here at once instead of in its night window) removes a finished
 * change's process history and job log only once its end plus the audit retention has passed; Patchflow's own
 * records of the change (audit trail, change record, rollout results, evidence packs) are never touched by it.
 */
class HistoryCleanupKeepsEvidenceIntegrationTest extends PostgresIntegrationTest {

    private static final int RETENTION_DAYS = 2555;
    private static final byte[] DEMO_EXPORT_KEY =
            "demo-only-export-hmac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    /** Camunda history tables whose rows carry the root process instance. */
    private static final List<String> HISTORY_TABLES = List.of("act_hi_procinst", "act_hi_actinst",
            "act_hi_job_log", "act_hi_varinst", "act_hi_detail", "act_hi_decinst", "act_hi_dec_in", "act_hi_op_log");
    /** Removed with the change's history; the user operation log is not (end-time based clean-up keeps it). */
    private static final List<String> REMOVED_TABLES = HISTORY_TABLES.subList(0, HISTORY_TABLES.size() - 1);

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;

    @Test
    void historyCleanupRemovesOnlyHistoryPastTheRetentionAndNeverTheAuditTrail() throws Exception {
        String kept = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8)).closedChange();
        String expired = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8)).closedChange();
        HistoricProcessInstance keptRoot = root(kept);
        HistoricProcessInstance expiredRoot = root(expired);
        // No removal time is stamped on the rows (that cost a sixth of PostgreSQL's CPU per change): clean-up
        // reads the end and the definition's time-to-live when it runs.
        assertThat(keptRoot.getRemovalTime()).isNull();
        Map<String, Long> keptRowsBefore = historyRows(keptRoot.getId());
        assertThat(keptRowsBefore.get("act_hi_job_log")).isPositive();
        assertThat(keptRowsBefore.get("act_hi_decinst")).isPositive();
        Map<String, Long> expiredRowsBefore = historyRows(expiredRoot.getId());
        assertThat(expiredRowsBefore.get("act_hi_actinst")).isPositive();
        long expiredOperations = expiredRowsBefore.get("act_hi_op_log");
        List<AuditEntry> expiredDecisions = trail.forChange(expired);
        assertThat(expiredDecisions).extracting(AuditEntry::kind).contains("change.requested", "change.sealed");

        // The second change as it stands once its retention has run out: ended seven years and a day ago; the first
        // as it stands a day before that.
        HistoryCleanupRun cleanup = new HistoryCleanupRun(history, management, jdbc);
        cleanup.ageHierarchy(keptRoot.getId(), RETENTION_DAYS - 1);
        cleanup.ageHierarchy(expiredRoot.getId(), RETENTION_DAYS + 1);
        cleanup.until(() -> historyRows(expiredRoot.getId()).get("act_hi_procinst") == 0, "history removed");

        assertThat(historyRows(expiredRoot.getId())).allSatisfy((table, rows) ->
                assertThat(rows).as(table).isEqualTo(REMOVED_TABLES.contains(table) ? 0 : expiredOperations));
        assertThat(historyRows(keptRoot.getId())).isEqualTo(keptRowsBefore);

        // Patchflow's own records of the removed change are all still there and still verify.
        assertThat(trail.verify().valid()).isTrue();
        assertThat(trail.forChange(expired)).isEqualTo(expiredDecisions);
        mvc.perform(get("/api/v1/reports/changes/{id}", expired).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.change.state").value("CLOSED"))
                .andExpect(jsonPath("$.decisions.length()").value(expiredDecisions.size()))
                .andExpect(jsonPath("$.rollout.length()").value(5))
                .andExpect(jsonPath("$.diagrams.length()").value(0));
        byte[] pack = mvc.perform(get("/api/v1/audit/export").param("changeId", expired).param("format", "json")
                        .with(officer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        PackVerification packCheck = EvidencePacks.verify(pack, DEMO_EXPORT_KEY, null);
        assertThat(packCheck.valid()).as(packCheck.toString()).isTrue();
        assertThat(packCheck.entries()).isEqualTo(expiredDecisions.size());
    }

    private HistoricProcessInstance root(String changeId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(changeId)
                .rootProcessInstances().singleResult();
    }

    private Map<String, Long> historyRows(String rootId) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : HISTORY_TABLES) {
            rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE root_proc_inst_id_ = :root")
                    .param("root", rootId).query(Long.class).single());
        }
        return rows;
    }

    private static RequestPostProcessor officer() {
        return user("frank").roles("compliance-officers");
    }
}
