package io.patchflow.change.process;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the engine's queries (task lists and counts, filters, Cockpit's and the API's searches) are planned
 * for the values they are run with; every other statement may use PostgreSQL's plan cache.
 * <p>
 * Why: after a prepared statement ran five times PostgreSQL may switch it to a generic plan, made without the
 * parameter values. For the engine's authorization-checked queries that plan is a disaster: it cannot see which
 * permission bits and groups are asked for, and Tasklist's count of the CAB's 10,000 open votes took 5-6 s instead of
 * about 100 ms (docs/benchmarks.md). Forcing custom plans on every statement of every session (the setting
 * {@code plan_cache_mode=force_custom_plan} the {@code postgres} profile used to give its connections) cost a third
 * of PostgreSQL's CPU in the lifecycle benchmark instead, planning the engine's thousands of inserts and updates by id
 * again at every execution. So a query command sets it for its own transaction ({@code SET LOCAL}) and nothing else.
 */
@Component
class QueryPlanning extends AbstractProcessEnginePlugin {

    static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    @Override
    public void preInit(ProcessEngineConfigurationImpl engine) {
        List<CommandInterceptor> interceptors = engine.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(engine.getCustomPostCommandInterceptorsTxRequired());
        // Post interceptors run inside the command's transaction, so SET LOCAL lasts exactly as long as it.
        interceptors.add(new CustomPlansForQueries());
        engine.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    static boolean isQuery(Command<?> command) {
        return command instanceof AbstractQuery<?, ?> || command instanceof AbstractExecuteFilterCmd;
    }

    static final class CustomPlansForQueries extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (isQuery(command) && "postgres".equals(Context.getProcessEngineConfiguration().getDatabaseType())) {
                Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute(CUSTOM_PLANS);
                } catch (SQLException e) {
                    throw new ProcessEngineException("Could not ask PostgreSQL for custom query plans", e);
                }
            }
            return next.execute(command);
        }
    }
}
