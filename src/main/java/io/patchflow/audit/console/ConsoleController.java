package io.patchflow.audit.console;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.shared.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the compliance console shows: all changes, one change's whole history, the retention. Read-only. */
@RestController
class ConsoleController {

    private final ChangeHistoryQuery changes;
    private final ProcessPathQuery paths;
    private final AuditTrail trail;
    private final RetentionPolicy retention;

    ConsoleController(ChangeHistoryQuery changes, ProcessPathQuery paths, AuditTrail trail,
            RetentionPolicy retention) {
        this.changes = changes;
        this.paths = paths;
        this.trail = trail;
        this.retention = retention;
    }

    @GetMapping("/api/v1/reports/changes")
    ChangeSummary.Page list(@RequestParam(required = false) String state,
            @RequestParam(required = false) String priority, @RequestParam(required = false) String changeType,
            @RequestParam(required = false) String host, @RequestParam(required = false) String advisory,
            @RequestParam(required = false) String approver, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Boolean slaBreached,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return changes.search(ChangeFilter.of(state, priority, changeType, host, advisory, approver, from, to,
                slaBreached, page, size), LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Everything about one change in order: its record, the decisions with their inputs, votes, rollout per host,
     * risk acceptances, the separation-of-duties checks and the process path.
     */
    @GetMapping("/api/v1/reports/changes/{id}")
    Map<String, Object> history(@PathVariable String id) {
        Map<String, Object> change = changes.change(id);
        if (change == null) {
            throw new NotFoundException("No change " + id);
        }
        List<AuditEntry> decisions = trail.forChange(id);
        List<Map<String, Object>> participants = changes.participants(id);
        List<Map<String, Object>> votes = changes.votes(id);
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("change", change);
        history.put("advisories", changes.advisories(id));
        history.put("decisions", decisions);
        history.put("votes", votes);
        history.put("rollout", changes.rolloutHosts(id));
        history.put("riskAcceptances", changes.riskAcceptances(id));
        history.put("separationOfDuties", SeparationChecks.of(String.valueOf(change.get("requestedBy")), participants,
                votes, decisions));
        String instance = (String) change.get("processInstanceId");
        history.put("diagrams", instance == null ? List.of() : paths.diagrams(instance));
        return history;
    }

    @GetMapping("/api/v1/reports/retention")
    Map<String, Object> retention() {
        return retention.describe();
    }
}
