package io.patchflow.advisory.assessment;

import io.patchflow.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database with Patchflow's real migrations and the finding writers wired by hand, without the application: an
 * in-memory H2 (the embedded default) or a schema of its own on the machine's PostgreSQL, dropped on close.
 */
final class FindingWriteDatabases implements AutoCloseable {

    final String name;
    final JdbcTemplate jdbc;
    final TransactionTemplate transaction;
    final FindingStage stage;
    final FindingMerge merge;
    final FindingRepository findings;
    private final Runnable cleanUp;

    private FindingWriteDatabases(String name, DataSource dataSource, String vendor, String schema,
            Runnable cleanUp) {
        this.name = name;
        this.cleanUp = cleanUp;
        var flyway = Flyway.configure().dataSource(dataSource).table("patchflow_schema_history")
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        if (schema != null) {
            flyway = flyway.schemas(schema);
        }
        flyway.load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        stage = new FindingStage(jdbc);
        merge = new FindingMerge(jdbc);
        findings = new FindingRepository(jdbc, new NamedParameterJdbcTemplate(jdbc));
    }

    static FindingWriteDatabases h2() {
        return new FindingWriteDatabases("H2", new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:findings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""), "h2", null, () -> {
                });
    }

    static FindingWriteDatabases postgres() {
        String schema = "pf_findings_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        run("CREATE SCHEMA " + schema);
        String url = TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new FindingWriteDatabases("PostgreSQL", new SimpleDriverDataSource(new org.postgresql.Driver(), url,
                TestPostgres.USER, TestPostgres.PASSWORD), "postgresql", schema,
                () -> run("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private static void run(String sql) {
        try (Connection c = DriverManager.getConnection(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cleanUp.run();
    }

    @Override
    public String toString() {
        return name;
    }
}
