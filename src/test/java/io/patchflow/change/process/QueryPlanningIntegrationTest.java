package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.testsupport.PostgresIntegrationTest;
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
 * PostgreSQL's plan cache (QueryPlanning).
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
