package io.patchflow.change.internal;

import io.patchflow.change.ChangeState;
import io.patchflow.change.internal.ChangeRepository.ChangeRow;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stage 9 and the other ends of a change: closed, rejected, cancelled, aborted. */
@Component
public class ChangeClosure {

    private final ChangeRepository changes;
    private final ChangeAudit audit;
    private final ChangeTickets tickets;

    ChangeClosure(ChangeRepository changes, ChangeAudit audit, ChangeTickets tickets) {
        this.changes = changes;
        this.audit = audit;
        this.tickets = tickets;
    }

    /** Closes a change that went through: verified, or aborted after a failed rollout. */
    @Transactional
    public ChangeState close(String changeId) {
        ChangeRow change = changes.get(changeId);
        boolean aborted = "ABORTED".equals(change.outcome());
        ChangeState end = aborted ? ChangeState.ABORTED : ChangeState.CLOSED;
        if (!aborted) {
            changes.outcome(changeId, "VERIFIED");
        }
        changes.moveTo(changeId, end, "closure");
        tickets.transition(changeId, aborted ? "CANCELLED" : "CLOSED", "patchflow",
                aborted ? "Change aborted after a failed rollout" : "Change verified and closed");
        seal(changeId, end, aborted ? "Change aborted after a failed rollout" : "Change verified and closed");
        return end;
    }

    @Transactional
    public void reject(String changeId) {
        changes.moveTo(changeId, ChangeState.REJECTED, "closure");
        changes.outcome(changeId, "REJECTED");
        tickets.transition(changeId, "REJECTED", "patchflow", "Change rejected (test failed or approval refused)");
        seal(changeId, ChangeState.REJECTED, "Change rejected");
    }

    @Transactional
    public void cancel(String changeId, String user, String reason) {
        changes.moveTo(changeId, ChangeState.CANCELLED, "closure");
        changes.outcome(changeId, "CANCELLED");
        tickets.transition(changeId, "CANCELLED", user, reason);
        audit.record(changeId, "change.cancelled", user, "Change cancelled", reason, Map.of(), Map.of());
        seal(changeId, ChangeState.CANCELLED, "Change cancelled");
    }

    /** The last entry of a change's trail: the final state, so an auditor sees the trail is complete. */
    private void seal(String changeId, ChangeState end, String summary) {
        ChangeRow change = changes.get(changeId);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("state", end.name());
        outcome.put("priority", change.priority());
        outcome.put("changeType", change.changeType());
        outcome.put("ticket", change.ticketKey());
        outcome.put("slaDue", change.slaDue() == null ? null : change.slaDue().toString());
        outcome.put("closedAt", change.closedAt() == null ? null : change.closedAt().toString());
        audit.record(changeId, "change.sealed", "system", summary, null, Map.of(), outcome);
        tickets.evidence(changeId, summary + " (" + end + "; priority " + change.priority() + ", "
                + change.changeType() + " change). Every decision, vote, rollout result and the verification are in "
                + "the change's audit trail.");
    }
}
