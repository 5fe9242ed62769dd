package io.patchflow.change.internal;

import io.patchflow.change.ChangeRequests;
import io.patchflow.itsm.TicketCancelledInItsm;
import io.patchflow.itsm.TicketTransitionSkipped;
import io.patchflow.itsm.TicketUpdateStalled;
import io.patchflow.itsm.TicketUpdatesResumed;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What the ticket system's delivery reports back to a change: on the record, and held or released. */
@Component
class ItsmEvents {

    private final ChangeAudit audit;
    private final LifecycleEngine engine;
    private final ChangeRequests changes;

    ItsmEvents(ChangeAudit audit, LifecycleEngine engine, ChangeRequests changes) {
        this.audit = audit;
        this.engine = engine;
        this.changes = changes;
    }

    /**
     * A cancel or reject in the ITSM tool cancels the change by the same path as the API: the request is on the
     * record with the ITSM user and what the notification carried; the cancellation itself names the ITSM user.
     */
    @EventListener
    void cancelledInItsm(TicketCancelledInItsm cancelled) {
        String actor = cancelled.system() + ":" + cancelled.user();
        audit.record(cancelled.changeId(), "itsm.cancel-requested", actor, "Ticket " + cancelled.ticketKey()
                + " cancelled in " + cancelled.system() + " by " + cancelled.user(), cancelled.reason(),
                cancelled.evidence(), Map.of("cancelling", true));
        changes.cancel(cancelled.changeId(), actor, cancelled.reason());
    }

    @EventListener
    void transitionSkipped(TicketTransitionSkipped skipped) {
        audit.record(skipped.changeId(), "ticket.transition-skipped", skipped.author(), "Ticket "
                + skipped.ticketKey() + " not moved to " + skipped.status() + ": " + skipped.why(), skipped.reason(),
                Map.of("ticket", skipped.ticketKey()), Map.of("status", skipped.status(), "commented", true));
    }

    /** Recorded first, so the trail says why the change stopped even if holding the process fails. */
    @EventListener
    void updateStalled(TicketUpdateStalled stalled) {
        String message = "Ticket " + stalled.ticketKey() + ": update " + stalled.updateId() + " (" + stalled.kind()
                + ") not delivered after " + stalled.attempts() + " attempts: " + stalled.error()
                + ". Fix the ticket system, then POST /api/v1/itsm/updates/" + stalled.changeId() + "/retry";
        audit.record(stalled.changeId(), "ticket.update-stalled", "system", message, null,
                Map.of("ticket", stalled.ticketKey(), "update", stalled.updateId(), "kind", stalled.kind()),
                Map.of("attempts", stalled.attempts(), "held", true));
        engine.holdForTicketSystem(stalled.changeId(), message);
    }

    @EventListener
    void updatesResumed(TicketUpdatesResumed resumed) {
        audit.record(resumed.changeId(), "ticket.updates-retried", resumed.user(), resumed.updates()
                + " stalled ticket update(s) queued again; the change goes on", null, Map.of(),
                Map.of("updates", resumed.updates()));
        engine.releaseFromTicketSystem(resumed.changeId());
    }
}
