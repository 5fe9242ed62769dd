package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.AuditVerification;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only views of the log. Who may call which is decided in SecurityConfig. */
@RestController
class AuditController {

    private final AuditTrail trail;
    private final AuditSearchQuery search;

    AuditController(AuditTrail trail, AuditSearchQuery search) {
        this.trail = trail;
        this.search = search;
    }

    @GetMapping("/api/v1/audit/verify")
    AuditVerification verify() {
        return trail.verify();
    }

    /** A change's decisions, oldest first; an empty list for a change that has none (or does not exist). */
    @GetMapping("/api/v1/changes/{changeId}/audit")
    List<AuditEntry> forChange(@PathVariable String changeId) {
        return trail.forChange(changeId);
    }

    @GetMapping("/api/v1/audit")
    AuditPage search(@RequestParam(required = false) String changeId,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return search.run(AuditSearch.of(changeId, kind, actor, from, to, page, size));
    }
}
