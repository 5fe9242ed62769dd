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
 * halves the rows read per task (CAB list 190 ms to 110 ms with JIT off, see docs/benchmarks.md).
 * <p>
 * A task list page is {@code SELECT DISTINCT ... ORDER BY CREATE_TIME_ DESC LIMIT 15}. Planned serially, PostgreSQL
 * joins every candidate task with its grants, removes duplicates and only then keeps the newest 15 (about 100 ms
 * with 10,000 open CAB votes). Allowed two parallel workers on ACT_RU_TASK, it sorts the tasks first (below a
 * Gather Merge) and joins them in that order until the page is full: tens to hundreds of grant lookups instead of
 * 10,000 (CAB list p95 150 ms to 53 ms, docs/benchmarks.md). PostgreSQL only considers parallel scans of tables
 * above {@code min_parallel_table_scan_size} (8 MB, about 20,000 open tasks) unless the table says how many workers
 * it takes. A worker count a DBA set on the table is left alone. Created once the engine's tables exist; harmless
 * to repeat.
 */
@Component
class EngineDatabaseTuning {

    private static final Logger log = LoggerFactory.getLogger(EngineDatabaseTuning.class);

    /** Two workers: what PostgreSQL's default max_parallel_workers_per_gather allows a query. */
    static final String TASK_LIST_WORKERS = "parallel_workers = 2";

    private final DataSource dataSource;

    EngineDatabaseTuning(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!isPostgres(dataSource)) {
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
        allowParallelTaskLists(jdbc);
        log.debug("Authorization statistics in place");
    }

    private static void allowParallelTaskLists(JdbcTemplate jdbc) {
        Boolean workersSet = jdbc.queryForObject("SELECT coalesce(bool_or(option LIKE 'parallel_workers=%'), false) "
                + "FROM pg_class c CROSS JOIN LATERAL unnest(coalesce(c.reloptions, '{}'::text[])) AS option "
                + "WHERE c.oid = 'act_ru_task'::regclass", Boolean.class);
        if (!Boolean.TRUE.equals(workersSet)) {
            jdbc.execute("ALTER TABLE act_ru_task SET (" + TASK_LIST_WORKERS + ")");
        }
    }

    /** Whether the database is PostgreSQL, which all the engine tuning here is for; false when it cannot tell. */
    static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            log.warn("Cannot tell the database product; PostgreSQL tuning of the engine's tables skipped: {}",
                    e.getMessage());
            return false;
        }
    }
}
