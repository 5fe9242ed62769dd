package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketSystemBusy;
import io.patchflow.itsm.TicketUpdateStalled;
import io.patchflow.shared.logging.ChangeLogContext;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers queued ticket updates: at once after the transaction that queued them commits ({@link #deliverSoon}),
 * and by a sweep that picks up whatever is due (retries after back-off, updates of a crashed node). One attempt per
 * claim; a failed attempt is retried after back-off, and the last failed attempt stalls the update and publishes
 * {@link TicketUpdateStalled}, which holds back the change's later updates and raises an incident.
 */
@Component
class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int SWEEP_BATCH = 100;

    private final OutboxStore store;
    private final UpdateDelivery delivery;
    private final OutboxProperties properties;
    private final ApplicationEventPublisher events;
    // Not a bean: an Executor bean would replace Spring Boot's application task executor.
    private final ThreadPoolExecutor nudges = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> new Thread(r, "ticket-updates"),
            // A full queue only delays: the sweep delivers what a dropped nudge would have.
            new ThreadPoolExecutor.DiscardPolicy());

    OutboxWorker(OutboxStore store, UpdateDelivery delivery, OutboxProperties properties,
            ApplicationEventPublisher events) {
        this.store = store;
        this.delivery = delivery;
        this.properties = properties;
        this.events = events;
    }

    void deliverSoon(String changeId) {
        nudges.execute(() -> deliverQueueOf(changeId));
    }

    @Scheduled(fixedDelayString = "${patchflow.itsm.updates.poll:1s}", initialDelayString = "${patchflow.itsm.updates.poll:1s}")
    void sweep() {
        for (long id : store.dueHeads(Instant.now(), SWEEP_BATCH)) {
            attempt(id);
        }
    }

    /** Delivers a change's due updates in order until one fails or none is left. */
    void deliverQueueOf(String changeId) {
        try (ChangeLogContext.Scope logContext = ChangeLogContext.open(changeId)) {
            Optional<Long> head;
            while ((head = store.dueHead(changeId, Instant.now())).isPresent() && attempt(head.get())) {
                // next one
            }
        } catch (RuntimeException e) {
            log.warn("Delivering ticket updates of {} failed; the sweep tries again", changeId, e);
        }
    }

    /** One attempt at one update; true when it was delivered. */
    boolean attempt(long id) {
        Instant now = Instant.now();
        Optional<QueuedUpdate> claimed = store.claim(id, now, now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return false; // another worker has it
        }
        QueuedUpdate update = claimed.get();
        // The sweep works for many changes in turn: each attempt's lines name its own.
        try (ChangeLogContext.Scope logContext = ChangeLogContext.open(update.changeId())) {
            return deliver(update);
        }
    }

    private boolean deliver(QueuedUpdate update) {
        try {
            delivery.deliver(update);
            store.delivered(update.id(), Instant.now());
            return true;
        } catch (RuntimeException e) {
            failed(update, e);
            return false;
        }
    }

    private void failed(QueuedUpdate update, RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (update.attempts() >= properties.maxAttempts()) {
            log.error("Ticket update {} of {} stalled after {} attempts: {}", update.id(), update.changeId(),
                    update.attempts(), error);
            store.stalled(update.id(), error);
            try {
                events.publishEvent(new TicketUpdateStalled(update.changeId(), update.id(), update.ticket().key(),
                        update.kind().name(), update.attempts(), error));
            } catch (RuntimeException holdFailed) {
                // The update stays STALLED (and holds back the change's later updates) whatever happens here.
                log.error("Could not hold {} for its stalled ticket update {}", update.changeId(), update.id(),
                        holdFailed);
            }
            return;
        }
        Duration retryAfter = e instanceof TicketSystemBusy busy ? busy.retryAfter().orElse(null) : null;
        Duration wait = properties.backoff(update.attempts(), retryAfter);
        log.warn("Ticket update {} of {} failed (attempt {} of {}), next attempt in {}: {}", update.id(),
                update.changeId(), update.attempts(), properties.maxAttempts(), wait, error);
        store.retryLater(update.id(), Instant.now().plus(wait), error);
    }

    @PreDestroy
    void stop() {
        nudges.shutdownNow();
    }
}
