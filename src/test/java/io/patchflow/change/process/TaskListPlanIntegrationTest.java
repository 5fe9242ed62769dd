package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tasklist's list of a CAB member's open tasks on PostgreSQL, planned over 10,000 open CAB tasks. The tasks are
 * inserted in a transaction that is rolled back, so no other test sees them.
 */
class TaskListPlanIntegrationTest extends PostgresIntegrationTest {

    static final int OPEN_TASKS = 10_000;

    /** The statement Camunda 7.24 sends for carol's first page of candidate group cab, newest first. */
    static final String CAB_PAGE = """
            select distinct RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_, RES.DESCRIPTION_, RES.PRIORITY_,
              RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_, RES.EXECUTION_ID_, RES.PROC_INST_ID_,
              RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_, RES.CASE_DEF_ID_, RES.TASK_DEF_KEY_,
              RES.DUE_DATE_, RES.FOLLOW_UP_DATE_, RES.SUSPENSION_STATE_, RES.TENANT_ID_, RES.LAST_UPDATED_,
              RES.TASK_STATE_
            from ACT_RU_TASK RES
            left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
            left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
            left join (SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2
                AND (A.USER_ID_ in ('carol', '*') OR A.GROUP_ID_ IN ('cab'))
                AND ((A.RESOURCE_TYPE_ = 7 AND A.PERMS_ & 2 = 2 OR A.RESOURCE_TYPE_ = 6 AND A.PERMS_ & 64 = 64))) AUTH
              ON (AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*'))
            WHERE (1 = 1 and (RES.ASSIGNEE_ is null and I.TYPE_ = 'candidate' and (I.GROUP_ID_ IN ('cab'))))
              and ((RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL))
              and (RES.TENANT_ID_ is null)
            order by RES.CREATE_TIME_ desc LIMIT 15 OFFSET 0
            """;

    private static final Pattern GRANT_LOOKUPS = Pattern.compile("on act_ru_authorization .*loops=(\\d+)\\)");

    @Test
    void aCabTaskPageLooksUpTheGrantsOfItsOwnTasksOnlyNotOfEveryOpenTask() throws SQLException {
        try (Connection db = TestPostgres.connect(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                openCabTasks(sql);
                sql.execute("SET LOCAL jit = off");
                sql.execute("SET LOCAL work_mem = '16MB'");

                String tuned = explain(sql);
                assertThat(tuned).contains("Gather Merge").doesNotContain("HashAggregate");
                // The page's 15 tasks, plus what the parallel workers read ahead of the leader until the page is full.
                assertThat(grantLookups(tuned)).as(tuned).isLessThan(OPEN_TASKS / 10);

                // Without the worker count EngineDatabaseTuning sets, every open task is joined before the page.
                sql.execute("ALTER TABLE act_ru_task RESET (parallel_workers)");
                assertThat(grantLookups(explain(sql))).isGreaterThanOrEqualTo(OPEN_TASKS);
            } finally {
                db.rollback();
            }
        }
    }

    private static void openCabTasks(Statement sql) throws SQLException {
        sql.execute("""
                INSERT INTO act_ru_task (id_, rev_, name_, create_time_, proc_def_id_, task_def_key_, suspension_state_,
                    task_state_, priority_)
                SELECT 'plan-test-' || n, 1, 'CAB vote', now() - n * interval '1 second',
                    (SELECT id_ FROM act_re_procdef WHERE key_ = 'patch-lifecycle' ORDER BY version_ DESC LIMIT 1),
                    'cabVote', 1, 'Created', 50
                FROM generate_series(1, %d) n""".formatted(OPEN_TASKS));
        sql.execute("""
                INSERT INTO act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
                SELECT 'plan-test-link-' || n, 1, 'cab', 'candidate', 'plan-test-' || n
                FROM generate_series(1, %d) n""".formatted(OPEN_TASKS));
        // What the engine grants a candidate group on each task (read, update, task work).
        sql.execute("""
                INSERT INTO act_ru_authorization (id_, rev_, type_, group_id_, resource_type_, resource_id_, perms_)
                SELECT 'plan-test-auth-' || n, 1, 1, 'cab', 7, 'plan-test-' || n, 2 | 4 | 16384
                FROM generate_series(1, %d) n""".formatted(OPEN_TASKS));
        sql.execute("ANALYZE act_ru_task, act_ru_identitylink, act_ru_authorization");
    }

    private static String explain(Statement sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = sql.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + CAB_PAGE)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** How often the plan looked up a task's grants. */
    private static int grantLookups(String plan) {
        Matcher m = GRANT_LOOKUPS.matcher(plan);
        assertThat(m.find()).as("a lookup of act_ru_authorization in\n" + plan).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
