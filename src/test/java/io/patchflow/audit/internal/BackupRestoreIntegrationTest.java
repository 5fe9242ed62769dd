package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.audit.AuditVerification;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.audit.console.ConsoleFixture;
import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The backup and restore of docs/operations.md, for real: {@code pg_dump} of the running installation's schema with a
 * closed change in it, {@code pg_restore} into a new database, and there the audit chain verifies (hashes, links,
 * seal) and still holds the anchor an exported evidence pack carries, with Camunda's history of the change beside
 * Patchflow's records of it.
 */
class BackupRestoreIntegrationTest extends PostgresIntegrationTest {

    private static final String AUDIT_KEY = "demo-only-audit-hmac-key-0123456789abcdef";
    private static final byte[] EXPORT_KEY = "demo-only-export-hmac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient live;
    @TempDir
    Path dir;

    @Test
    void aRestoredDumpHoldsTheChangeAndItsAuditChainVerifiesAgainstTheExportedAnchor() throws Exception {
        String change = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8)).closedChange();
        byte[] pack = mvc.perform(get("/api/v1/audit/export").param("changeId", change).param("format", "json")
                        .with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        PackVerification exported = EvidencePacks.verify(pack, EXPORT_KEY, null);
        assertThat(exported.valid()).as(exported.toString()).isTrue();
        ChainHead.Link anchor = new ChainHead.Link(exported.headSeq(), exported.headHash());
        long changeEntries = countAuditEntries(live, change);

        Path dump = dir.resolve("patchflow.dump");
        run(List.of("pg_dump", "--format=custom", "--no-owner", "--schema=" + TestPostgres.schema(),
                "--file=" + dump), TestPostgres.URL);
        String database = "pf_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(TestPostgres.URL, "CREATE DATABASE " + database);
        try {
            String restoredUrl = TestPostgres.URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
            run(List.of("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + database, dump.toString()),
                    restoredUrl);

            try (Connection connection = DriverManager.getConnection(TestPostgres.schemaUrl(TestPostgres.schema())
                    .replace(TestPostgres.URL, restoredUrl), TestPostgres.USER, TestPostgres.PASSWORD)) {
                SingleConnectionDataSource restored = new SingleConnectionDataSource(connection, true);
                JdbcClient jdbc = JdbcClient.create(restored);

                assertThat(verify(restored, anchor).valid()).as(verify(restored, anchor).toString()).isTrue();
                assertThat(verify(restored, new ChainHead.Link(anchor.seq(), "0".repeat(64))).valid())
                        .as("an anchor the restored chain does not hold").isFalse();
                assertThat(countAuditEntries(jdbc, change)).isEqualTo(changeEntries).isPositive();
                assertThat(jdbc.sql("SELECT state FROM chg_change WHERE id = :id").param("id", change)
                        .query(String.class).single()).isEqualTo("CLOSED");
                // The lifecycle and the staged rollouts it called, all with the change id as business key.
                assertThat(processHistory(jdbc, change)).isEqualTo(processHistory(live, change)).isPositive();
                assertThat(jdbc.sql("SELECT max(version) FROM patchflow_schema_history").query(String.class).single())
                        .isEqualTo(live.sql("SELECT max(version) FROM patchflow_schema_history").query(String.class)
                                .single());
            }
        } finally {
            execute(TestPostgres.URL, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** What GET /api/v1/audit/verify?anchorSeq=&anchorHash= runs, on the restored database with the same key. */
    private static AuditVerification verify(DataSource restored, ChainHead.Link anchor) {
        JdbcClient jdbc = JdbcClient.create(restored);
        ChainVerifier verifier = new ChainVerifier(new ChainHead(jdbc, new HeadLockOwnership(restored)),
                new AuditEntryStore(jdbc), new CheckpointStore(jdbc),
                new AuditProperties(AUDIT_KEY, Duration.ofHours(1)));
        return new TransactionTemplate(new DataSourceTransactionManager(restored))
                .execute(status -> verifier.verify(anchor));
    }

    private static long processHistory(JdbcClient jdbc, String change) {
        return jdbc.sql("SELECT count(*) FROM act_hi_procinst WHERE business_key_ = :id").param("id", change)
                .query(Long.class).single();
    }

    private static long countAuditEntries(JdbcClient jdbc, String change) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE change_id = :id").param("id", change)
                .query(Long.class).single();
    }

    /** Runs a PostgreSQL client program against the server and database of {@code jdbcUrl}. */
    private static void run(List<String> command, String jdbcUrl) throws Exception {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        assertThat(url.matches()).as("a PostgreSQL JDBC URL: " + jdbcUrl).isTrue();
        List<String> full = new ArrayList<>(command);
        full.addAll(1, List.of("--host=" + url.group(1), "--port=" + (url.group(2) == null ? "5432" : url.group(2)),
                "--username=" + TestPostgres.USER));
        if (command.get(0).equals("pg_dump")) {
            full.add("--dbname=" + url.group(3));
        }
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGPASSWORD", TestPostgres.PASSWORD));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command.get(0) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", full) + ":\n" + output).isZero();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            c.createStatement().execute(sql);
        }
    }
}
