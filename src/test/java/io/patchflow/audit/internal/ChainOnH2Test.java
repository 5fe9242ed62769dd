package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.audit.AuditVerification;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chain works on the embedded default's database: SQL, locking and timestamps as on PostgreSQL. */
class ChainOnH2Test {

    private final H2AuditDatabase db = new H2AuditDatabase();

    @AfterEach
    void shutdown() {
        db.shutdown();
    }

    @Test
    void appendedEntriesVerifyOnH2() {
        db.append("CHG-A");
        db.append("CHG-B");
        db.append("CHG-A");

        assertThat(db.verify()).isEqualTo(AuditVerification.intact(3));
    }

    @Test
    void concurrentAppendsOnH2KeepOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> appends = IntStream.range(0, 40)
                    .mapToObj(i -> pool.submit(() -> db.append("CHG-" + i % 4)))
                    .<Future<?>>map(f -> f)
                    .toList();
            for (Future<?> append : appends) {
                append.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(db.verify()).isEqualTo(AuditVerification.intact(40));
    }

    @Test
    void anEntryAlteredBehindTheTriggersBackIsReportedOnH2() {
        db.append("CHG-A");
        long second = db.append("CHG-A");
        db.append("CHG-A");
        db.jdbc.sql("DROP TRIGGER audit_entry_append_only").update();
        db.jdbc.sql("UPDATE audit_entry SET actor = 'mallory' WHERE id = :id").param("id", second).update();

        AuditVerification result = db.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenEntry()).isEqualTo(second);
        assertThat(result.entries()).isEqualTo(3);
        assertThat(result.problem()).contains("altered");
    }
}
