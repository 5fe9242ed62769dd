package io.patchflow.change.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The project's Flyway migrations, exactly as the application configures them (common plus the vendor's folder,
 * history table {@code patchflow_schema_history}), run on a fresh in-memory H2 database and on a fresh PostgreSQL
 * schema: every Patchflow table exists afterwards and the audit log refuses an UPDATE, which proves the vendor's
 * append-only migration ran. What the triggers refuse in detail (DELETE, TRUNCATE, checkpoints) is tested by the
 * audit module: AppendOnlyOnH2Test and AppendOnlyOnPostgresIntegrationTest.
 */
class FlywayMigrationsIntegrationTest {

    /** Tables the rest of the code relies on; the migrations may add more, never fewer. */
    private static final Set<String> KNOWN_TABLES = Set.of("inv_host", "inv_host_group", "inv_package",
            "inv_package_history", "adv_advisory", "adv_alias", "adv_affected", "adv_range", "adv_range_event",
            "adv_kev", "adv_epss", "adv_assessment", "adv_finding", "chg_change", "chg_change_seq",
            "chg_change_advisory", "chg_change_scope", "chg_change_target", "chg_vote", "chg_participant",
            "chg_risk_acceptance", "chg_maintenance_window", "chg_blackout", "dep_rollout", "dep_ring", "dep_host",
            "itsm_ticket", "itsm_ticket_event", "itsm_outbox", "itsm_webhook_delivery", "audit_entry", "audit_chain_head", "audit_checkpoint");

    @Test
    void migrationsCreateEveryTableAndTheAppendOnlyAuditLogOnH2() throws Exception {
        String url = "jdbc:h2:mem:flyway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            MigrateResult result = migrate(url, "sa", "", "h2", null);

            assertThat(result.success).isTrue();
            assertThat(tables(keepAlive, "PUBLIC")).containsAll(createdTables());
            insertAuditEntry(keepAlive);
            assertThatThrownBy(() -> execute(keepAlive, "UPDATE audit_entry SET actor = 'mallory'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("The audit log is append-only: UPDATE on table audit_entry is refused");
            execute(keepAlive, "SHUTDOWN");
        }
    }

    @Test
    void migrationsCreateEveryTableAndTheAppendOnlyAuditLogOnPostgres() throws Exception {
        String schema = "pf_flyway_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(TestPostgres.URL, TestPostgres.USER,
                TestPostgres.PASSWORD)) {
            execute(admin, "CREATE SCHEMA " + schema);
            try {
                String url = TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                MigrateResult result = migrate(url, TestPostgres.USER, TestPostgres.PASSWORD, "postgresql", schema);

                assertThat(result.success).isTrue();
                try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
                    assertThat(tables(c, schema)).containsAll(createdTables());
                    insertAuditEntry(c);
                    assertThatThrownBy(() -> execute(c, "UPDATE audit_entry SET actor = 'mallory'"))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("The audit log is append-only: UPDATE on table audit_entry is refused");
                }
            } finally {
                execute(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static MigrateResult migrate(String url, String user, String password, String vendor, String schema) {
        var config = Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .table("patchflow_schema_history")
                .baselineOnMigrate(true);
        if (schema != null) {
            config = config.schemas(schema);
        }
        return config.load().migrate();
    }

    /** Every table a common migration creates, read from the scripts, so a new table is checked without edits. */
    private static Set<String> createdTables() throws IOException {
        Pattern create = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)",
                Pattern.CASE_INSENSITIVE);
        Set<String> tables = new TreeSet<>();
        for (Resource script : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:db/migration/common/*.sql")) {
            Matcher m = create.matcher(script.getContentAsString(StandardCharsets.UTF_8));
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(tables).containsAll(KNOWN_TABLES);
        return tables;
    }

    private static Set<String> tables(Connection c, String schema) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static void insertAuditEntry(Connection c) throws SQLException {
        execute(c, "INSERT INTO audit_entry (seq, change_id, recorded_at, kind, actor, summary, inputs, outcome, "
                + "previous_hash, hash) VALUES (1, 'CHG-FLYWAY', CURRENT_TIMESTAMP, 'test', 'tester', 'a decision', "
                + "'{}', '{}', 'genesis', 'h1')");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
