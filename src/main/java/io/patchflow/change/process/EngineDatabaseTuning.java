package io.patchflow.change.process;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Statistics PostgreSQL needs to plan Camunda's authorization checks well. Every task grants its candidate group
 * a row in ACT_RU_AUTHORIZATION; the engine filters those rows with bit masks ({@code PERMS_ & 2 = 2}), which
 * PostgreSQL cannot estimate without statistics on the expressions. Without them it expects 50 rows where there
 * are 10,000 and joins every task with every row (20 s for Tasklist's CAB list with 10,000 open votes; with them,
 * an index lookup per task). Each lookup also reads the wildcard grants ({@code RESOURCE_ID_ = '*'}) of every
 * resource type; a partial index over the grants of tasks and process definitions only (what a task query checks)
 * halves the rows read per task (CAB list 190 ms to 110 ms with JIT off, see docs/benchmarks.md). Created once the
 * engine's tables exist; harmless to repeat.
 */
@Component
class EngineDatabaseTuning {

    private static final Logger log = LoggerFactory.getLogger(EngineDatabaseTuning.class);

    private final DataSource dataSource;

    EngineDatabaseTuning(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!isPostgres()) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (int permission : new int[] {2, 64}) {
            jdbc.execute("CREATE STATISTICS IF NOT EXISTS act_ru_auth_perm_" + permission + " ON (perms_ & "
                    + permission + ") FROM act_ru_authorization");
        }
        jdbc.execute("CREATE INDEX IF NOT EXISTS pf_act_auth_task_grant_ix ON act_ru_authorization (resource_id_) "
                + "WHERE resource_type_ IN (" + Resources.PROCESS_DEFINITION.resourceType() + ", "
                + Resources.TASK.resourceType() + ") AND type_ < " + Authorization.AUTH_TYPE_REVOKE);
        jdbc.execute("ANALYZE act_ru_authorization");
        log.debug("Authorization statistics in place");
    }

    private boolean isPostgres() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            log.warn("Cannot tell the database product; authorization statistics not created: {}", e.getMessage());
            return false;
        }
    }
}
