package io.patchflow.change.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An installation on any earlier schema upgrades to the latest by simply starting the new version: for every
 * version the migrations on the classpath define (found, not listed, so a new migration is covered at once), a
 * fresh schema is migrated to that version, filled with representative rows in the form that version allowed,
 * then migrated to the latest. The upgrade must succeed, end in exactly the schema a fresh installation gets
 * (tables, columns, types, nullability, defaults, constraints, indexes, triggers, functions), keep every row (with
 * what the migrations derive for it), and leave the audit log append-only. On PostgreSQL and on H2.
 */
class FlywayUpgradeIntegrationTest {

    private static final Map<String, SchemaSnapshot> FRESH = new ConcurrentHashMap<>();

    static List<MigrationVersion> earlierPostgresSchemas() {
        return Migrations.earlierVersions("postgresql");
    }

    static List<MigrationVersion> earlierH2Schemas() {
        return Migrations.earlierVersions("h2");
    }

    @Test
    void everyReleasedSchemaVersionIsFoundOnTheClasspath() {
        // The discovery itself must see the history: the first release and the vendor-specific steps.
        assertThat(earlierPostgresSchemas()).contains(MigrationVersion.fromVersion("1.1"),
                MigrationVersion.fromVersion("1.6.1"), MigrationVersion.fromVersion("1.9.1"));
        assertThat(earlierH2Schemas()).contains(MigrationVersion.fromVersion("1.1"),
                MigrationVersion.fromVersion("1.6.1")).doesNotContain(MigrationVersion.fromVersion("1.9.1"));
        assertThat(Migrations.latest("postgresql")).isEqualTo(Migrations.latest("h2"));
    }

    /** The comparison sees what a migration could get wrong: a missing index, a nullability, a lost trigger. */
    @Test
    void aSchemaThatDriftedFromTheMigrationsIsToldApartOnPostgres() throws Exception {
        SchemaSnapshot fresh = freshPostgres();
        assertThat(fresh.objects()).allSatisfy((kind, objects) -> assertThat(objects).as(kind).isNotEmpty());
        for (String drift : List.of("DROP INDEX audit_entry_change_idx",
                "ALTER TABLE chg_change ALTER COLUMN title DROP NOT NULL",
                "ALTER TABLE dep_ring ALTER COLUMN plan SET DEFAULT 'other'",
                "DROP TRIGGER audit_entry_append_only ON audit_entry",
                "ALTER TABLE adv_finding SET (fillfactor = 100)")) {
            String schema = TestPostgres.newSchema("pf_drift_");
            String url = TestPostgres.schemaUrl(schema);
            Migrations.migrate(url, TestPostgres.USER, TestPostgres.PASSWORD, "postgresql", schema, null);
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
                execute(c, drift);
                assertThat(SchemaSnapshot.ofPostgres(c, schema).objects()).as(drift).isNotEqualTo(fresh.objects());
            }
        }
    }

    @Test
    void aSchemaThatDriftedFromTheMigrationsIsToldApartOnH2() throws Exception {
        SchemaSnapshot fresh = freshH2();
        assertThat(fresh.objects()).allSatisfy((kind, objects) -> assertThat(objects).as(kind).isNotEmpty());
        for (String drift : List.of("DROP INDEX audit_entry_change_idx",
                "ALTER TABLE chg_change ALTER COLUMN title SET NULL",
                "ALTER TABLE inv_host DROP CONSTRAINT inv_host_criticality_ck",
                "DROP TRIGGER audit_entry_append_only")) {
            String url = h2Url();
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                Migrations.migrate(url, "sa", "", "h2", null, null);
                execute(c, drift);
                assertThat(SchemaSnapshot.ofH2(c).objects()).as(drift).isNotEqualTo(fresh.objects());
                execute(c, "SHUTDOWN");
            }
        }
    }

    @ParameterizedTest(name = "from {0}")
    @MethodSource("earlierPostgresSchemas")
    void anEarlierSchemaUpgradesToTheFreshSchemaKeepingItsRowsOnPostgres(MigrationVersion earlier) throws Exception {
        String schema = TestPostgres.newSchema("pf_upgrade_");
        String url = TestPostgres.schemaUrl(schema);
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            assertThat(Migrations.migrate(url, TestPostgres.USER, TestPostgres.PASSWORD, "postgresql", schema,
                    earlier).targetSchemaVersion).isEqualTo(earlier.getVersion());
            List<UpgradeSeed> seeded = seed(c, earlier);

            MigrateResult upgrade = Migrations.migrate(url, TestPostgres.USER, TestPostgres.PASSWORD, "postgresql",
                    schema, null);

            assertThat(upgrade.success).isTrue();
            assertThat(upgrade.targetSchemaVersion).isEqualTo(Migrations.latest("postgresql").getVersion());
            assertThat(SchemaSnapshot.ofPostgres(c, schema).objects())
                    .isEqualTo(freshPostgres().objects());
            assertSurvived(c, seeded);
            assertAuditLogIsAppendOnly(c);
        }
    }

    @ParameterizedTest(name = "from {0}")
    @MethodSource("earlierH2Schemas")
    void anEarlierSchemaUpgradesToTheFreshSchemaKeepingItsRowsOnH2(MigrationVersion earlier) throws Exception {
        String url = h2Url();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(Migrations.migrate(url, "sa", "", "h2", null, earlier).targetSchemaVersion)
                    .isEqualTo(earlier.getVersion());
            List<UpgradeSeed> seeded = seed(c, earlier);

            MigrateResult upgrade = Migrations.migrate(url, "sa", "", "h2", null, null);

            assertThat(upgrade.success).isTrue();
            assertThat(upgrade.targetSchemaVersion).isEqualTo(Migrations.latest("h2").getVersion());
            assertThat(SchemaSnapshot.ofH2(c).objects()).isEqualTo(freshH2().objects());
            assertSurvived(c, seeded);
            assertAuditLogIsAppendOnly(c);
            execute(c, "SHUTDOWN");
        }
    }

    /** The rows a schema at {@code version} can hold, inserted in dependency order; returns what was inserted. */
    private static List<UpgradeSeed> seed(Connection c, MigrationVersion version) throws SQLException {
        List<UpgradeSeed> rows = UpgradeSeed.ROWS.stream().filter(row -> row.fits(version)).toList();
        assertThat(rows).as("rows for a schema at %s", version).isNotEmpty();
        for (UpgradeSeed row : rows) {
            execute(c, row.insert());
        }
        return rows;
    }

    private static void assertSurvived(Connection c, List<UpgradeSeed> seeded) throws SQLException {
        for (UpgradeSeed row : seeded) {
            assertThat(count(c, row.survivalQuery())).as("%s row after the upgrade: %s", row.table(), row.key())
                    .isEqualTo(1);
        }
    }

    /** An entry written after the upgrade (and any written before it) can be neither changed nor removed. */
    private static void assertAuditLogIsAppendOnly(Connection c) throws SQLException {
        execute(c, "INSERT INTO audit_entry (id, seq, change_id, recorded_at, kind, actor, summary, inputs, outcome, "
                + "previous_hash, hash) VALUES (2001, 2, 'CHG-900001', CURRENT_TIMESTAMP, 'test', 'tester', "
                + "'after the upgrade', '{}', '{}', 'h1', 'h2')");
        assertThatThrownBy(() -> execute(c, "UPDATE audit_entry SET actor = 'mallory'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: UPDATE on table audit_entry is refused");
        assertThatThrownBy(() -> execute(c, "DELETE FROM audit_entry"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("The audit log is append-only: DELETE on table audit_entry is refused");
        assertThat(count(c, "SELECT COUNT(*) FROM audit_entry WHERE actor = 'mallory'")).isZero();
    }

    private static SchemaSnapshot freshPostgres() {
        return FRESH.computeIfAbsent("postgresql", vendor -> {
            String schema = TestPostgres.newSchema("pf_fresh_");
            String url = TestPostgres.schemaUrl(schema);
            assertThat(Migrations.migrate(url, TestPostgres.USER, TestPostgres.PASSWORD, vendor, schema, null)
                    .success).isTrue();
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
                return SchemaSnapshot.ofPostgres(c, schema);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static SchemaSnapshot freshH2() {
        return FRESH.computeIfAbsent("h2", vendor -> {
            String url = h2Url();
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                assertThat(Migrations.migrate(url, "sa", "", vendor, null, null).success).isTrue();
                SchemaSnapshot snapshot = SchemaSnapshot.ofH2(c);
                execute(c, "SHUTDOWN");
                return snapshot;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String h2Url() {
        return "jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
