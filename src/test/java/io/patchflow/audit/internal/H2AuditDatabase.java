package io.patchflow.audit.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditVerification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh in-memory H2 database with exactly the audit migrations the embedded default runs (common plus h2), and
 * the audit classes wired to it by hand: the H2 side of the module without starting the application.
 */
final class H2AuditDatabase {

    final DataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate transaction;
    final ChainAppender appender;
    final ChainVerifier verifier;

    H2AuditDatabase() {
        dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1_6__audit.sql"),
                new ClassPathResource("db/migration/h2/V1_6_1__audit_append_only.sql")).execute(dataSource);
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChainHead head = new ChainHead(jdbc, new HeadLockOwnership(dataSource));
        AuditEntryStore entries = new AuditEntryStore(jdbc);
        appender = new ChainAppender(head, entries);
        verifier = new ChainVerifier(head, entries, new CheckpointStore(jdbc),
                new AuditProperties(null, Duration.ofHours(1)));
    }

    long append(String changeId) {
        return transaction.execute(status -> appender.append(new AuditRecord(changeId, "test.decision", "tester",
                "A decision", null, Map.of("n", 1), Map.of()))).id();
    }

    AuditVerification verify() {
        return transaction.execute(status -> verifier.verify());
    }

    void shutdown() {
        jdbc.sql("SHUTDOWN").update();
    }
}
