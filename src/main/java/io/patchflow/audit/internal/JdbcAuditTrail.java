package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.AuditVerification;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The audit trail on the application's database. */
@Service
class JdbcAuditTrail implements AuditTrail {

    private final ChainAppender appender;
    private final AuditEntryStore entries;
    private final ChainVerifier verifier;

    JdbcAuditTrail(ChainAppender appender, AuditEntryStore entries, ChainVerifier verifier) {
        this.appender = appender;
        this.entries = entries;
        this.verifier = verifier;
    }

    // REQUIRED, not MANDATORY: callers without a transaction of their own (a scheduled job) get one here.
    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(AuditRecord record) {
        return appender.append(record);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEntry recordIndependently(AuditRecord record) {
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
}
