package io.patchflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The machine's PostgreSQL for integration tests: {@code PATCHFLOW_TEST_DB_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code PATCHFLOW_TEST_DB_USER} (default {@code postgres}) and
 * {@code PATCHFLOW_TEST_DB_PASSWORD}. Each test JVM works in a fresh schema of its own, so runs never see each
 * other's data. When PostgreSQL cannot be reached the test fails and says how to point it at a server: integration
 * tests are never silently skipped.
 */
public final class TestPostgres {

    public static final String URL = env("PATCHFLOW_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("PATCHFLOW_TEST_DB_USER", "postgres");
    public static final String PASSWORD = env("PATCHFLOW_TEST_DB_PASSWORD", "");

    private static String schema;

    private TestPostgres() {
    }

    /** The schema this JVM's tests use, created on first use. */
    public static synchronized String schema() {
        if (schema == null) {
            schema = newSchema("pf_test_");
        }
        return schema;
    }

    /**
     * Another fresh schema, dropped when the JVM ends: for an application context whose engine must not share
     * jobs with the shared context's (a second job executor on the same tables would run the other's jobs).
     */
    public static synchronized String newSchema(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(name), "drop-" + name));
        return name;
    }

    /** A JDBC URL whose default schema is {@link #schema()}. */
    public static String schemaUrl() {
        return schemaUrl(schema());
    }

    public static String schemaUrl(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Drops this JVM's schema when the JVM ends, so runs do not pile up schemas. Bounded by a lock timeout: if the
     * application still holds a lock, the schema stays (named pf_test_*, safe to drop by hand).
     */
    private static void dropQuietly(String name) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '5s'");
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Test schema " + name + " not dropped: " + e.getMessage());
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(schemaUrl(), USER, PASSWORD);
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Integration tests need PostgreSQL, and none answered at " + URL
                    + " as user '" + USER + "' (" + e.getMessage() + "). Start PostgreSQL or point "
                    + "PATCHFLOW_TEST_DB_URL, PATCHFLOW_TEST_DB_USER and PATCHFLOW_TEST_DB_PASSWORD at one.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
