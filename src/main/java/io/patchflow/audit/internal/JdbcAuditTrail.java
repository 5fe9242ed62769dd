package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail on the application's database. */
@Service
class JdbcAuditTrail implements AuditTrail {

    private final ChainAppender appender;
    private final AuditEntryStore entries;
    private final ChainVerifier verifier;
    private final DataSource dataSource;
    private final TransactionTemplate ownTransaction;

    JdbcAuditTrail(ChainAppender appender, AuditEntryStore entries, ChainVerifier verifier, DataSource dataSource,
            PlatformTransactionManager transactions) {
        this.appender = appender;
        this.entries = entries;
        this.verifier = verifier;
        this.dataSource = dataSource;
        this.ownTransaction = new TransactionTemplate(transactions);
    }

    @Override
    public void recordAtCommit(AuditRecord record) {
        DecisionLog.decided(record);
        // Keyed by the transaction's connection: a suspended outer transaction keeps its own pending entries.
        Object connection = TransactionSynchronizationManager.getResource(dataSource);
        if (connection == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            ownTransaction.executeWithoutResult(status -> appender.append(record));
            return;
        }
        PendingEntries pending = (PendingEntries) TransactionSynchronizationManager.getResource(connection);
        if (pending == null) {
            pending = new PendingEntries(connection);
            TransactionSynchronizationManager.bindResource(connection, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.records.add(record);
    }

    /** The entries a transaction recorded, appended to the chain just before it commits. */
    private final class PendingEntries implements TransactionSynchronization {

        private final Object key;
        private final List<AuditRecord> records = new ArrayList<>();

        private PendingEntries(Object key) {
            this.key = key;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            appender.appendAll(records);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
    }

    // REQUIRED, not MANDATORY: callers without a transaction of their own (a scheduled job) get one here.
    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(AuditRecord record) {
        DecisionLog.decided(record);
        return appender.append(record);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEntry recordIndependently(AuditRecord record) {
        DecisionLog.decided(record);
        return appender.append(record);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> forChange(String changeId) {
        return entries.forChange(changeId);
    }

    @Override
    @Transactional(readOnly = true)
    public AuditVerification verify() {
        return verifier.verify();
    }

    @Override
    @Transactional(readOnly = true)
    public AuditVerification verify(long anchorSeq, String anchorHash) {
        return verifier.verify(new ChainHead.Link(anchorSeq, anchorHash));
    }
}
