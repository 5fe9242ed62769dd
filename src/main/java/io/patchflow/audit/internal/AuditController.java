package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.AuditVerification;
import io.patchflow.shared.BadInputException;
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

    /**
     * Walks the chain and checks the latest seal; with {@code anchorSeq} and {@code anchorHash} (an exported pack's
     * {@code chain.headSeq} and {@code chain.headHash}) also that the chain still holds that entry unchanged.
     */
    @GetMapping("/api/v1/audit/verify")
    AuditVerification verify(@RequestParam(required = false) Long anchorSeq,
            @RequestParam(required = false) String anchorHash) {
        if (anchorSeq == null && anchorHash == null) {
            return trail.verify();
        }
        if (anchorSeq == null || anchorSeq < 0) {
            throw new BadInputException("anchorSeq", "anchorSeq must be a chain position (0 or more) given with "
                    + "anchorHash");
        }
        if (anchorHash == null || !anchorHash.matches("[0-9a-f]{64}")) {
            throw new BadInputException("anchorHash", "anchorHash must be a SHA-256 hash (64 lowercase hex digits) "
                    + "given with anchorSeq");
        }
        return trail.verify(anchorSeq, anchorHash);
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
