package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketSystem;
import io.patchflow.itsm.TicketTransitionSkipped;
import io.patchflow.shared.ConflictException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sends one update to the ticket system. A queued one is sent so that sending it twice leaves the ticket as sending
 * it once: a comment carries its update's marker and is looked for before a retry sends it again; a transition to
 * the status the ticket has is nothing; an evidence link is replaced by its URL. An unqueued one, written in the
 * caller's transaction, is sent exactly once and needs no marker.
 */
@Component
class UpdateDelivery {

    private final TicketSystem tickets;
    private final ApplicationEventPublisher events;

    UpdateDelivery(TicketSystem tickets, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.events = events;
    }

    void deliver(QueuedUpdate update) {
        switch (update.kind()) {
            case COMMENT -> comment(update, update.body());
            case TRANSITION -> transition(update);
            case EVIDENCE -> tickets.linkEvidence(update.ticket(), "Patchflow evidence for " + update.changeId(),
                    update.target(), update.body());
        }
    }

    private void transition(QueuedUpdate update) {
        try {
            tickets.transition(update.ticket(), update.target(), update.author(), update.body());
        } catch (ConflictException finalStatus) {
            // Closed or cancelled in the ITSM tool already: say on the ticket what happened to the change instead,
            // so that the change's own path (cancellation, closure) is never stuck on its ticket.
            comment(update, "Change moved to " + update.target() + " after this ticket reached a final status"
                    + (update.body() == null ? "" : ": " + update.body()));
            events.publishEvent(new TicketTransitionSkipped(update.changeId(), update.ticket().key(), update.target(),
                    update.author(), update.body(), finalStatus.getMessage()));
        }
    }

    private void comment(QueuedUpdate update, String text) {
        if (!update.queued()) {
            tickets.comment(update.ticket(), update.author(), text);
            return;
        }
        // Only a retry can find its comment already there: the first attempt's count is 1.
        if (update.attempts() > 1 && tickets.hasComment(update.ticket(), update.marker())) {
            return;
        }
        tickets.comment(update.ticket(), update.author(), text + "\n" + update.marker());
    }
}
