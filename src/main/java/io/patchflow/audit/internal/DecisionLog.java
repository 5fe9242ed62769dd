package io.patchflow.audit.internal;

import io.patchflow.audit.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per decision, when it is taken: what, on which change, by whom. It is written in the deciding thread
 * (a request, an engine job), so the line carries that thread's change id (docs/operations.md, "Logs") and shows
 * where in the log the decision was made. The audit trail stays the record: a decision whose transaction rolls back
 * (a job retried) leaves its line here but no entry there. Inputs and outcomes are not logged: they are evidence,
 * kept in the trail, and may name hosts and people.
 */
final class DecisionLog {

    private static final Logger log = LoggerFactory.getLogger("io.patchflow.audit.decisions");

    private DecisionLog() {
    }

    static void decided(AuditRecord record) {
        if (record.changeId() == null) {
            log.info("Decision {} by {}: {}", record.kind(), record.actor(), record.summary());
        } else {
            log.info("Decision {} on {} by {}: {}", record.kind(), record.changeId(), record.actor(),
                    record.summary());
        }
    }
}
