package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the engine's queries run with plans made for their parameters, and every other statement with
 * PostgreSQL's plan cache (QueryPlanning), whose plans stay sound without statistics (EngineDatabaseTuning).
 */
class QueryPlanningIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void anEngineQueryIsPlannedForItsParametersAndOtherCommandsUseThePlanCache() {
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();

        assertThat(new PlanCacheModeQuery(commands).singleResult()).isEqualTo("force_custom_plan");
        assertThat(commands.execute(PlanCacheModeQuery::planCacheMode)).as("a command that is no query").isEqualTo("auto");
        assertThat(commands.execute(PlanCacheModeQuery::planCacheMode)).as("and the setting ended with the query's "
                + "transaction, on whichever pooled connection").isEqualTo("auto");
    }

    @Test
    void anExecutionsVariablesAreLoadedThroughAnIndexOfExactlyTheEnginesQuery() throws SQLException {
        try (Connection db = TestPostgres.connect(); Statement sql = db.createStatement()) {
            try (ResultSet index = sql.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = '"
                    + EngineDatabaseTuning.VARIABLES_OF_EXECUTION + "'")) {
                assertThat(index.next()).as("created at start-up").isTrue();
                assertThat(index.getString(1)).contains("act_ru_variable").contains("(execution_id_)")
                        .contains("WHERE (task_id_ IS NULL)");
            }
            // The engine's selectVariablesByExecutionId, as PostgreSQL caches it after five executions.
            sql.execute("PREPARE load_variables(varchar) AS SELECT * FROM act_ru_variable "
                    + "WHERE execution_id_ = $1 AND task_id_ IS NULL");
            sql.execute("SET plan_cache_mode = force_generic_plan");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.executeQuery("EXPLAIN EXECUTE load_variables('an-execution')")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains(EngineDatabaseTuning.VARIABLES_OF_EXECUTION)
                    .contains("Index Cond: ((execution_id_)::text = ($1)::text)");
        }
    }

    /** An engine query whose one result is the plan cache mode its own transaction runs with. */
    static final class PlanCacheModeQuery extends AbstractQuery<PlanCacheModeQuery, String> {

        PlanCacheModeQuery(CommandExecutor commands) {
            super(commands);
        }

        @Override
        public long executeCount(CommandContext context) {
            return 1;
        }

        @Override
        public List<String> executeList(CommandContext context, Page page) {
            return List.of(planCacheMode(context));
        }

        static String planCacheMode(CommandContext context) {
            try (Statement sql = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
                    ResultSet mode = sql.executeQuery("SELECT current_setting('plan_cache_mode')")) {
                mode.next();
                return mode.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
