package io.patchflow.change.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts the change module's decisions on the record. */
@Component
public class ChangeAudit {

    private final AuditTrail trail;

    ChangeAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(String changeId, String kind, String actor, String summary, String reason,
            Map<String, Object> inputs, Map<String, Object> outcome) {
        trail.recordAtCommit(new AuditRecord(changeId, kind, actor, summary, reason, inputs, outcome));
    }

    /** For refused actions: stays on record although the action's transaction rolls back. */
    public void recordRefusal(String changeId, String kind, String actor, String summary, Map<String, Object> inputs) {
        trail.recordIndependently(new AuditRecord(changeId, kind, actor, summary, null, inputs,
                Map.of("refused", true)));
    }
}
