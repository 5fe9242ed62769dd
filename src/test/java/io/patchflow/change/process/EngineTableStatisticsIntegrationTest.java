package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.testsupport.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The engine's runtime tables get statistics once they hold rows, without waiting for autovacuum. */
class EngineTableStatisticsIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    EngineTableStatistics statistics;
    @Autowired
    JdbcClient jdbc;

    @Test
    void runtimeTablesWithRowsButNoStatisticsAreAnalyzed() {
        // Rows, as while any change runs, and no statistics, as in a new installation (a superuser may clear them;
        // the test database's user is one).
        jdbc.sql("INSERT INTO act_ru_variable (id_, rev_, type_, name_) VALUES ('stats-test', 1, 'string', 'statsTest')")
                .update();
        try {
            jdbc.sql("DELETE FROM pg_statistic WHERE starelid = 'act_ru_variable'::regclass").update();
            assertThat(taskIdStatistics()).isZero();

            assertThat(statistics.analyzeIfMissing()).isTrue();

            assertThat(taskIdStatistics()).as("ANALYZE gave PostgreSQL the share of variables without a task").isOne();
            assertThat(statistics.analyzeIfMissing()).as("and the next look finds them").isTrue();
        } finally {
            jdbc.sql("DELETE FROM act_ru_variable WHERE id_ = 'stats-test'").update();
        }
    }

    private long taskIdStatistics() {
        return jdbc.sql("SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() "
                + "AND tablename = 'act_ru_variable' AND attname = 'task_id_'").query(Long.class).single();
    }
}
