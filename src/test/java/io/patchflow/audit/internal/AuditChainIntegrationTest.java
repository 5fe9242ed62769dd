package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AuditChainIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachEntryLinksToTheHashOfTheEntryBeforeIt() {
        String change = newChangeId();
        AuditEntry first = trail.record(record(change, "change.requested"));
        AuditEntry second = trail.record(record(change, "priority.decided"));

        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(seqOf(second.id())).isEqualTo(seqOf(first.id()) + 1);
        assertThat(trail.forChange(change)).containsExactly(first, second);
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void storedEntryKeepsItsFactsAsRecorded() {
        String change = newChangeId();
        AuditEntry recorded = trail.record(new AuditRecord(change, "priority.decided", "policy:patch-priority",
                "P1", "KEV listed", Map.of("cvss", 9.8, "kev", true, "seen", Instant.parse("2025-01-01T00:00:00Z"),
                        "hosts", List.of("web-1", "web-2")), Map.of("priority", "P1")));

        AuditEntry stored = trail.forChange(change).get(0);

        assertThat(stored).isEqualTo(recorded);
        assertThat(stored.inputs()).containsEntry("seen", "2025-01-01T00:00:00Z").containsEntry("kev", true);
    }

    @Test
    void recordJoinsTheCallersTransactionAndRollsBackWithIt() {
        String change = newChangeId();
        TransactionTemplate outer = new TransactionTemplate(transactions);

        outer.executeWithoutResult(status -> {
            trail.record(record(change, "approval.vote"));
            status.setRollbackOnly();
        });

        assertThat(trail.forChange(change)).isEmpty();
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void recordIndependentlySurvivesARolledBackOuterTransaction() {
        String change = newChangeId();
        TransactionTemplate outer = new TransactionTemplate(transactions);

        outer.executeWithoutResult(status -> {
            trail.recordIndependently(record(change, "approval.refused"));
            status.setRollbackOnly();
        });

        assertThat(trail.forChange(change)).extracting(AuditEntry::kind).containsExactly("approval.refused");
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void recordIndependentlyAfterRecordInTheSameTransactionFailsInsteadOfWaitingForItsOwnLock() {
        String change = newChangeId();
        TransactionTemplate outer = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> outer.executeWithoutResult(status -> {
            trail.record(record(change, "approval.vote"));
            trail.recordIndependently(record(change, "approval.refused"));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("would wait for its own lock");
        assertThat(trail.forChange(change)).isEmpty();
    }

    @Test
    void aPublishedAuditRecordIsRecordedInThePublishersTransaction() {
        String committed = newChangeId();
        String rolledBack = newChangeId();
        TransactionTemplate publisher = new TransactionTemplate(transactions);

        publisher.executeWithoutResult(status -> events.publishEvent(record(committed, "calendar.changed")));
        publisher.executeWithoutResult(status -> {
            events.publishEvent(record(rolledBack, "calendar.changed"));
            status.setRollbackOnly();
        });

        assertThat(trail.forChange(committed)).hasSize(1);
        assertThat(trail.forChange(rolledBack)).isEmpty();
    }

    @Test
    void entriesRecordedAtCommitAreChainedInTheOrderTheTransactionRecordedThem() {
        String change = newChangeId();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            trail.recordAtCommit(record(change, "priority.decided"));
            trail.recordAtCommit(record(change, "classification.decided"));
            trail.recordAtCommit(record(change, "ticket.opened"));
        });

        List<AuditEntry> entries = trail.forChange(change);
        assertThat(entries).extracting(AuditEntry::kind)
                .containsExactly("priority.decided", "classification.decided", "ticket.opened");
        assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(2).previousHash()).isEqualTo(entries.get(1).hash());
        assertThat(seqOf(entries.get(2).id())).isEqualTo(seqOf(entries.get(0).id()) + 2);
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void concurrentAppendsFromManyThreadsKeepOneValidChain() throws Exception {
        String change = newChangeId();
        int threads = 6;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String actor = "thread-" + t;
                appenders.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        trail.record(new AuditRecord(change, "load.test", actor, "n" + i, null, Map.of("i", i),
                                Map.of()));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(appenders)) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<AuditEntry> entries = trail.forChange(change);
        assertThat(entries).hasSize(threads * perThread);
        assertThat(entries).extracting(e -> seqOf(e.id())).doesNotHaveDuplicates().isSorted();
        assertThat(trail.verify().valid()).isTrue();
    }

    private long seqOf(long id) {
        return jdbc.sql("SELECT seq FROM audit_entry WHERE id = :id").param("id", id).query(Long.class).single();
    }

    static AuditRecord record(String changeId, String kind) {
        return new AuditRecord(changeId, kind, "alice", "Summary of " + kind, "because", Map.of("k", kind),
                Map.of("ok", true));
    }

    static String newChangeId() {
        return "CHG-T" + UUID.randomUUID().toString().substring(0, 8);
    }
}
