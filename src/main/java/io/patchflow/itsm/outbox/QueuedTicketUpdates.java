package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketUpdates;
import io.patchflow.itsm.TicketUpdatesResumed;
import io.patchflow.itsm.outbox.QueuedUpdate.Kind;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Queues ticket updates in the caller's transaction and hands them to the worker once it committed. */
@Service
class QueuedTicketUpdates implements TicketUpdates {

    /** Where a change's evidence is, relative to Patchflow's public URL; adapters make it absolute. */
    static final String EVIDENCE_PATH = "/api/v1/changes/%s/audit";

    private final OutboxStore store;
    private final OutboxWorker worker;
    private final ApplicationEventPublisher events;

    QueuedTicketUpdates(OutboxStore store, OutboxWorker worker, ApplicationEventPublisher events) {
        this.store = store;
        this.worker = worker;
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
