package io.patchflow.audit.internal;

import static io.patchflow.audit.internal.AuditChainIntegrationTest.newChangeId;
import static io.patchflow.audit.internal.AuditChainIntegrationTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.AuditVerification;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification finds tampering done behind the triggers' back, as a database superuser could. Every test tampers
 * inside a transaction that is rolled back, so the shared schema's chain stays intact for the other tests.
 */
class AuditVerificationIntegrationTest extends PostgresIntegrationTest {

    private static final String KEY = "integration-test-key-0123456789abcdef";

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ChainHead head;

    @Autowired
    AuditEntryStore entries;

    @Autowired
    CheckpointStore checkpoints;

    @Test
    void verifyReportsTheFirstAlteredEntry() {
        String change = newChangeId();
        trail.record(record(change, "one"));
        AuditEntry altered = trail.record(record(change, "two"));
        trail.record(record(change, "three"));

        AuditVerification result = rolledBack(() -> {
            withoutTriggers(() -> jdbc.sql("UPDATE audit_entry SET reason = 'a better story' WHERE id = :id")
                    .param("id", altered.id()).update());
            return trail.verify();
        });

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenEntry()).isEqualTo(altered.id());
        assertThat(result.problem()).contains("altered");
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void verifyReportsAnEntryWhosePredecessorWasRemoved() {
        String change = newChangeId();
        AuditEntry removed = trail.record(record(change, "one"));
        AuditEntry orphan = trail.record(record(change, "two"));

        AuditVerification result = rolledBack(() -> {
            withoutTriggers(() -> jdbc.sql("DELETE FROM audit_entry WHERE id = :id").param("id", removed.id())
                    .update());
            return trail.verify();
        });

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenEntry()).isEqualTo(orphan.id());
        assertThat(result.problem()).contains("missing");
    }

    @Test
    void aTailTruncatedBehindASealIsDetectedEvenWhenTheHeadWasRewound() {
        AuditVerification result = rolledBack(() -> {
            trail.record(record(newChangeId(), "before-seal"));
            Checkpoint seal = sealer(KEY).seal().orElseThrow();
            withoutTriggers(() -> {
                jdbc.sql("DELETE FROM audit_entry WHERE seq = :seq").param("seq", seal.seq()).update();
                StoredEntry last = entries.atSeq(seal.seq() - 1).orElseThrow();
                head.advance(new ChainHead.Link(last.seq(), last.entry().hash()));
            });
            return verifier(KEY).verify();
        });

        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).contains("removed from the end");
    }

    @Test
    void aLogTruncatedWithItsSealsAndHeadIsDetectedByAnAnchorKeptOutsideTheDatabase() {
        AuditVerification[] results = rolledBack(() -> {
            trail.record(record(newChangeId(), "exported"));
            sealer(KEY).seal().orElseThrow();
            ChainHead.Link anchor = head.read();
            // A superuser empties both tables and rewinds the head: inside the database nothing is left to compare.
            jdbc.sql("ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL").update();
            withoutTriggers(() -> {
                jdbc.sql("TRUNCATE audit_entry, audit_checkpoint").update();
                head.advance(new ChainHead.Link(0, EntryHash.GENESIS));
            });
            return new AuditVerification[] {verifier(KEY).verify(), verifier(KEY).verify(anchor)};
        });

        assertThat(results[0].valid()).as("without an anchor an emptied log looks like a new one").isTrue();
        assertThat(results[1].valid()).isFalse();
        assertThat(results[1].problem()).contains("removed from the end");
    }

    @Test
    void anAnchorWhoseEntryWasRewrittenIsDetected() {
        AuditEntry anchored = trail.record(record(newChangeId(), "anchored"));
        long seq = entries.atSeq(head.read().seq()).map(StoredEntry::seq).orElseThrow();

        AuditVerification result = trail.verify(seq, "f".repeat(64));

        assertThat(anchored.hash()).isNotEqualTo("f".repeat(64));
        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).contains("does not have the anchor's hash");
        assertThat(trail.verify(seq, entries.atSeq(seq).orElseThrow().entry().hash()).valid()).isTrue();
    }

    @Test
    void aSealWrittenWithoutTheKeyIsRejected() {
        AuditVerification result = rolledBack(() -> {
            trail.record(record(newChangeId(), "sealed"));
            sealer("an-attackers-key-that-is-long-enough-too").seal().orElseThrow();
            return verifier(KEY).verify();
        });

        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).contains("invalid HMAC");
    }

    @Test
    void aChainCoveredByAValidSealVerifies() {
        AuditVerification result = rolledBack(() -> {
            trail.record(record(newChangeId(), "sealed"));
            sealer(KEY).seal().orElseThrow();
            trail.record(record(newChangeId(), "after the seal"));
            return verifier(KEY).verify();
        });

        assertThat(result.valid()).isTrue();
        assertThat(result.firstBrokenEntry()).isNull();
    }

    @Test
    void nothingNewToSealWritesNoCheckpoint() {
        boolean sealedTwice = rolledBack(() -> {
            trail.record(record(newChangeId(), "sealed"));
            CheckpointSealer sealer = sealer(KEY);
            sealer.seal().orElseThrow();
            return sealer.seal().isPresent();
        });

        assertThat(sealedTwice).isFalse();
    }

    @Test
    void withoutAKeyNoCheckpointIsWritten() {
        assertThat(sealer(null).seal()).isEmpty();
    }

    private CheckpointSealer sealer(String key) {
        return new CheckpointSealer(head, entries, checkpoints, new AuditProperties(key, Duration.ofHours(1)));
    }

    private ChainVerifier verifier(String key) {
        return new ChainVerifier(head, entries, checkpoints, new AuditProperties(key, Duration.ofHours(1)));
    }

    private <T> T rolledBack(Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            return work.get();
        });
    }

    /** What a superuser can do; inside the surrounding transaction, so the rollback re-enables the triggers. */
    private void withoutTriggers(Runnable tampering) {
        jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER ALL").update();
        tampering.run();
        jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER ALL").update();
    }
}
