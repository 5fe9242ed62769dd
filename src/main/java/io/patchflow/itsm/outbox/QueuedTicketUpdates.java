package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketSystem;
import io.patchflow.itsm.TicketUpdates;
import io.patchflow.itsm.TicketUpdatesResumed;
import io.patchflow.itsm.outbox.QueuedUpdate.Kind;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues ticket updates in the caller's transaction and hands them to the worker once it committed. An update of a
 * ticket that takes part in the caller's transaction (the built-in register's) is written at once instead, unless
 * older updates of the change still wait in the queue: it commits with the decision it reports, in the same order,
 * without the queue's rows, claims and commits of its own.
 */
@Service
class QueuedTicketUpdates implements TicketUpdates {

    /** Where a change's evidence is, relative to Patchflow's public URL; adapters make it absolute. */
    static final String EVIDENCE_PATH = "/api/v1/changes/%s/audit";

    private final OutboxStore store;
    private final OutboxWorker worker;
    private final TicketSystem tickets;
    private final UpdateDelivery delivery;
    private final ApplicationEventPublisher events;

    QueuedTicketUpdates(OutboxStore store, OutboxWorker worker, TicketSystem tickets, UpdateDelivery delivery,
            ApplicationEventPublisher events) {
        this.store = store;
        this.worker = worker;
        this.tickets = tickets;
        this.delivery = delivery;
        this.events = events;
    }

    @Override
    public void comment(String changeId, TicketRef ref, String author, String text) {
        queue(changeId, ref, Kind.COMMENT, author, text, null);
    }

    @Override
    public void transition(String changeId, TicketRef ref, String status, String author, String reason) {
        queue(changeId, ref, Kind.TRANSITION, author, reason, status);
    }

    @Override
    public void evidence(String changeId, TicketRef ref, String summary) {
        queue(changeId, ref, Kind.EVIDENCE, "patchflow", summary, EVIDENCE_PATH.formatted(changeId));
    }

    @Override
    public int retryStalled(String changeId, String user) {
        int requeued = store.requeueStalled(changeId, Instant.now());
        if (requeued > 0) {
            events.publishEvent(new TicketUpdatesResumed(changeId, user, requeued));
            afterCommit(changeId);
        }
        return requeued;
    }

    private void queue(String changeId, TicketRef ref, Kind kind, String author, String body, String target) {
        require("author", author);
        if (kind == Kind.COMMENT) {
            require("text", body);
        }
        if (tickets.updatesInCallersTransaction(ref) && !store.hasOpen(changeId)) {
            delivery.deliver(QueuedUpdate.unqueued(changeId, ref, kind, author, body, target));
            return;
        }
        store.add(changeId, ref, kind, author, body, target, Instant.now());
        afterCommit(changeId);
    }

    private void afterCommit(String changeId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            worker.deliverSoon(changeId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                worker.deliverSoon(changeId);
            }
        });
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A ticket update's " + name + " must not be blank");
        }
    }
}
