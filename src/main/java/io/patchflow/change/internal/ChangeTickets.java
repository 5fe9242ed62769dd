package io.patchflow.change.internal;

import io.patchflow.change.internal.ChangeRepository.ChangeRow;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketSystem;
import io.patchflow.itsm.TicketUpdates;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the change's ITSM ticket in step: opened once (by the asynchronous, retried ticket job), then a comment for
 * every decision and transitions at the end. Comments and transitions are queued in the decision's own transaction
 * and delivered in order once it committed ({@link TicketUpdates}), so a ticket system that is down neither fails
 * nor loses a decision; the built-in register's tickets, in Patchflow's own database, take them in that transaction.
 */
@Component
public class ChangeTickets {

    private final TicketSystem tickets;
    private final TicketUpdates updates;
    private final ChangeRepository changes;
    private final ChangeAudit audit;

    ChangeTickets(TicketSystem tickets, TicketUpdates updates, ChangeRepository changes, ChangeAudit audit) {
        this.tickets = tickets;
        this.updates = updates;
        this.changes = changes;
        this.audit = audit;
    }

    /** Opens the ticket (idempotent: the ticket system finds the change's ticket before creating one). */
    @Transactional
    public String open(String changeId) {
        ChangeRow change = changes.get(changeId);
        TicketRef ref = tickets.open(new TicketRequest(changeId, change.title(), change.priority(),
                change.changeType(), changes.affectedHosts(changeId), change.slaDue(),
                "Patch change " + changeId + " requested by " + change.requestedBy() + ". Advisories: "
                        + String.join(", ", changes.advisories(changeId)) + ". Policy: " + change.policyReason()));
        changes.ticket(changeId, ref.system(), ref.key(), ref.url());
        updates.transition(changeId, ref, "IN_PROGRESS", "patchflow", "Change evaluated and in progress");
        // The policies decided before the ticket existed: their outcome is the ticket's first comment.
        updates.comment(changeId, ref, "policy", "Priority " + change.priority() + " (SLA due " + change.slaDue()
                + "), " + change.changeType() + " change: " + change.policyReason()
                + ". Inputs and table versions are in the change's audit trail.");
        audit.record(changeId, "ticket.opened", "system", "Ticket " + ref.key() + " opened in " + ref.system(), null,
                Map.of("priority", String.valueOf(change.priority()), "changeType", String.valueOf(change.changeType())),
                Map.of("ticket", ref.key(), "system", ref.system()));
        return ref.key();
    }

    /** Queues a comment saying who decided what and why; nothing before the ticket exists. */
    public void comment(String changeId, String author, String text) {
        ref(changeId).ifPresent(ref -> updates.comment(changeId, ref, author, text));
    }

    /**
     * Queues the ticket's move to {@code status}. Should the ticket have reached a final status elsewhere meanwhile
     * (closed by a person in the ITSM tool), the delivery comments instead and the skip goes on the record
     * ({@link ItsmEvents}), so the change's own path is never stuck on its ticket.
     */
    public void transition(String changeId, String status, String author, String reason) {
        ref(changeId).ifPresent(ref -> {
            updates.transition(changeId, ref, status, author, reason);
            audit.record(changeId, "ticket.transition", author, "Ticket " + ref.key() + " to move to " + status,
                    reason, Map.of("ticket", ref.key()), Map.of("status", status));
        });
    }

    /** Queues the link from the ticket to the change's evidence (its audit trail), with how the change ended. */
    public void evidence(String changeId, String summary) {
        ref(changeId).ifPresent(ref -> updates.evidence(changeId, ref, summary));
    }

    private Optional<TicketRef> ref(String changeId) {
        ChangeRow change = changes.get(changeId);
        return change.ticketKey() == null ? Optional.empty()
                : Optional.of(new TicketRef(change.ticketSystem(), change.ticketKey(), change.ticketUrl()));
    }
}
