package io.patchflow.change.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records what the DMN policies decided about a change: priority and SLA, change type and approvals. */
@Component
public class ChangePolicy {

    public static final String PRIORITY = "patch-priority";
    public static final String CLASSIFICATION = "change-classification";

    private final ChangeRepository changes;
    private final ChangeAudit audit;
    private final ChangeTickets tickets;

    ChangePolicy(ChangeRepository changes, ChangeAudit audit, ChangeTickets tickets) {
        this.changes = changes;
        this.audit = audit;
        this.tickets = tickets;
    }

    @Transactional
    public void record(String changeId, PolicyDecision decision) {
        String reason = decision.output("policyReason");
        String summary;
        if (PRIORITY.equals(decision.decisionKey())) {
            int slaDays = Integer.parseInt(decision.output("slaDays"));
            LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(slaDays);
            changes.priority(changeId, decision.output("priority"), due, reason);
            summary = "Priority " + decision.output("priority") + ", SLA " + slaDays + " days (due " + due + ")";
        } else if (CLASSIFICATION.equals(decision.decisionKey())) {
            changes.classification(changeId, decision.output("changeType"), reason);
            summary = "Classified as " + decision.output("changeType") + " change, CAB quorum "
                    + decision.output("cabQuorum") + ", test sign-off "
                    + ("true".equals(decision.output("testSignOffRequired")) ? "required" : "waived");
        } else {
            summary = "Decision " + decision.decisionKey() + " evaluated";
        }
        audit.record(changeId, "policy." + decision.decisionKey(), "policy:" + decision.decisionKey(), summary, reason,
                decision.inputs(), withVersion(decision));
        tickets.comment(changeId, "policy:" + decision.decisionKey(), summary + ". " + reason);
    }

    private static Map<String, Object> withVersion(PolicyDecision decision) {
        Map<String, Object> outcome = new LinkedHashMap<>(decision.outputs());
        outcome.put("decisionVersion", decision.version());
        outcome.put("decisionDefinitionId", decision.decisionDefinitionId());
        return outcome;
    }
}
