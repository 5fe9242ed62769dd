package io.patchflow.itsm.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.outbox.QueuedUpdate.Kind;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ticket updates are delivered outside any request or engine job, by the outbox's sweep: its lines about an update
 * carry the update's change id all the same (docs/operations.md, "Logs"). The update here is for a ticket the
 * built-in register does not have, so the real delivery fails and the worker logs the failed attempt.
 */
class OutboxLogContextIntegrationTest extends PostgresIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OutboxStore store;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSweepLogsAFailedDeliveryWithTheChangeIdOfItsUpdate() throws Exception {
        String change = "CHG-LOG-" + UUID.randomUUID().toString().substring(0, 8);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger worker = (Logger) LoggerFactory.getLogger(OutboxWorker.class);
        worker.addAppender(lines);
        try {
            store.add(change, new TicketRef("local", "PF-" + Math.abs(change.hashCode()), null), Kind.COMMENT,
                    "tester", "a comment for no ticket", null, Instant.now());

            ILoggingEvent failed = awaitLineAbout(lines, change);

            assertThat(failed.getFormattedMessage()).contains("failed (attempt 1 of");
            assertThat(failed.getMDCPropertyMap()).containsEntry("changeId", change);
        } finally {
            worker.detachAppender(lines);
            jdbc.sql("DELETE FROM itsm_outbox WHERE change_id = ?").param(change).update();
        }
    }

    private static ILoggingEvent awaitLineAbout(ListAppender<ILoggingEvent> lines, String change)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ILoggingEvent> seen;
            synchronized (lines) { // the appender adds under this lock
                seen = List.copyOf(lines.list);
            }
            List<ILoggingEvent> about = seen.stream().filter(e -> e.getFormattedMessage().contains(change)).toList();
            if (!about.isEmpty()) {
                return about.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No line about " + change + " within " + WAIT + "; lines: " + lines.list);
    }
}
