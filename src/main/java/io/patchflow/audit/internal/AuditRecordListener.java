package io.patchflow.audit.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records every {@link AuditRecord} other modules publish. Synchronous and in the publisher's transaction: the
 * decision and its entry commit or roll back together, and a failure to record fails the decision.
 */
@Component
class AuditRecordListener {

    private final AuditTrail trail;

    AuditRecordListener(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(AuditRecord record) {
        trail.recordAtCommit(record);
    }
}
