package io.patchflow.change.process;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives PostgreSQL statistics on the engine's runtime tables as soon as they hold rows, once.
 * <p>
 * Why: a new installation (or a restored database) has none, and PostgreSQL then guesses. The guess that hurts is
 * the engine's variable load, {@code EXECUTION_ID_ = ? AND TASK_ID_ IS NULL}, a dozen times per change: without
 * statistics {@code TASK_ID_ IS NULL} looks rare, the plan PostgreSQL caches after five executions reads every
 * variable through the task id index, and it keeps that plan until the next ANALYZE, which autovacuum runs a minute
 * or more later (4-7 ms instead of 0.1-0.3 ms per load, half of PostgreSQL's time in the first minutes of the
 * lifecycle benchmark, docs/benchmarks.md). Once analyzed with rows, the statistics stay: ANALYZE of an empty table
 * leaves them as they were, so a quiet night does not bring the guess back. Checked every 10 s until done; costs one
 * catalog query then nothing.
 */
@Component
class EngineTableStatistics {

    private static final Logger log = LoggerFactory.getLogger(EngineTableStatistics.class);

    /** The runtime tables every change writes; the engine's hot statements read them by id or by execution. */
    static final String RUNTIME_TABLES = "act_ru_variable, act_ru_execution, act_ru_job, act_ru_event_subscr, "
            + "act_ru_task, act_ru_identitylink";

    private final DataSource dataSource;
    private volatile boolean done;

    EngineTableStatistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(initialDelayString = "10s", fixedDelayString = "10s")
    void analyzeOnceFilled() {
        if (!done) {
            done = !EngineDatabaseTuning.isPostgres(dataSource) || analyzeIfMissing();
        }
    }

    /**
     * Analyzes the runtime tables if the variables have no statistics yet and hold rows. True once there is nothing
     * more to do: the statistics exist, or ANALYZE did not give them (the database user does not own the tables; a
     * warning says so, and autovacuum does it later).
     */
    boolean analyzeIfMissing() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        if (hasStatistics(jdbc)) {
            return true;
        }
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM act_ru_variable)", Boolean.class))) {
            return false;
        }
        jdbc.execute("ANALYZE " + RUNTIME_TABLES);
        if (hasStatistics(jdbc)) {
            log.info("Analyzed the engine's runtime tables, which had no statistics yet");
        } else {
            log.warn("The engine's runtime tables have no statistics and ANALYZE did not give them (is the database "
                    + "user their owner?); autovacuum will, until then PostgreSQL may plan the engine's statements "
                    + "badly (docs/benchmarks.md)");
        }
        return true;
    }

    private static boolean hasStatistics(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = "
                + "current_schema() AND tablename = 'act_ru_variable' AND attname = 'task_id_')", Boolean.class));
    }
}
