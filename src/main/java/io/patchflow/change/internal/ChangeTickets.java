package io.patchflow.change.internal;

import io.patchflow.change.internal.ChangeRepository.ChangeRow;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketSystem;
import io.patchflow.shared.ConflictException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the change's ITSM ticket in step: opened once, a comment for every decision, transitions at the end. */
@Component
public class ChangeTickets {

    private final TicketSystem tickets;
    private final ChangeRepository changes;
    private final ChangeAudit audit;

    ChangeTickets(TicketSystem tickets, ChangeRepository changes, ChangeAudit audit) {
        this.tickets = tickets;
        this.changes = changes;
        this.audit = audit;
    }

    @Transactional
    public String open(String changeId) {
        ChangeRow change = changes.get(changeId);
        TicketRef ref = tickets.open(new TicketRequest(changeId, change.title(), change.priority(),
                change.changeType(), changes.affectedHosts(changeId), change.slaDue(),
                "Patch change " + changeId + " requested by " + change.requestedBy() + ". Advisories: "
                        + String.join(", ", changes.advisories(changeId)) + ". Policy: " + change.policyReason()));
        changes.ticket(changeId, ref.system(), ref.key(), ref.url());
        tickets.transition(ref, "IN_PROGRESS", "patchflow", "Change evaluated and in progress");
        // The policies decided before the ticket existed: their outcome is the ticket's first comment.
        tickets.comment(ref, "policy", "Priority " + change.priority() + " (SLA due " + change.slaDue() + "), "
                + change.changeType() + " change: " + change.policyReason()
                + ". Inputs and table versions are in the change's audit trail.");
        audit.record(changeId, "ticket.opened", "system", "Ticket " + ref.key() + " opened in " + ref.system(), null,
                Map.of("priority", String.valueOf(change.priority()), "changeType", String.valueOf(change.changeType())),
                Map.of("ticket", ref.key(), "system", ref.system()));
        return ref.key();
    }

    /** Adds a comment saying who decided what and why; silently nothing before the ticket exists. */
    public void comment(String changeId, String author, String text) {
        ref(changeId).ifPresent(ref -> tickets.comment(ref, author, text));
    }

    /**
     * Moves the ticket on. A ticket that already reached a final status elsewhere (closed by a closure step whose
     * job then lost to a concurrent cancel, or by a person in the ITSM tool) cannot move again: the change then
     * says on the ticket what happened instead, and the audit trail records the skipped move, so the change's own
     * path (cancellation, closure) is never stuck on its ticket.
     */
    public void transition(String changeId, String status, String author, String reason) {
        ref(changeId).ifPresent(ref -> {
            try {
                tickets.transition(ref, status, author, reason);
            } catch (ConflictException finalStatus) {
                tickets.comment(ref, author, "Change moved to " + status + " after this ticket reached a final "
                        + "status" + (reason == null ? "" : ": " + reason));
                audit.record(changeId, "ticket.transition-skipped", author, "Ticket " + ref.key() + " not moved to "
                        + status + ": " + finalStatus.getMessage(), reason, Map.of("ticket", ref.key()),
                        Map.of("status", status, "commented", true));
                return;
            }
            audit.record(changeId, "ticket.transition", author, "Ticket " + ref.key() + " moved to " + status, reason,
                    Map.of("ticket", ref.key()), Map.of("status", status));
        });
    }

    private Optional<TicketRef> ref(String changeId) {
        ChangeRow change = changes.get(changeId);
        return change.ticketKey() == null ? Optional.empty()
                : Optional.of(new TicketRef(change.ticketSystem(), change.ticketKey(), change.ticketUrl()));
    }
}
