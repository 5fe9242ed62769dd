package io.patchflow.itsm.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.outbox.QueuedUpdate.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The update queue's rules on the embedded default's database, with exactly its migration: one change's updates
 * are handed out strictly one after the other, a stalled one holds back the rest, two workers never get the same
 * update, and an attempt is counted before it is made. (On PostgreSQL: JiraLifecycleIntegrationTest.)
 */
class OutboxStoreOnH2Test {

    private static final TicketRef TICKET = new TicketRef("jira", "CHG-1", "https://jira.example.com/browse/CHG-1");
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final OutboxStore store = new OutboxStore(jdbc);

    OutboxStoreOnH2Test() {
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1_12__itsm_outbox.sql"))
                .execute(dataSource);
    }

    @AfterEach
    void shutdown() {
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void onlyTheOldestOpenUpdateOfAChangeIsHandedOut() {
        store.add("CHG-A", TICKET, Kind.COMMENT, "bob", "first", null, NOW);
        store.add("CHG-A", TICKET, Kind.COMMENT, "carol", "second", null, NOW);
        store.add("CHG-B", TICKET, Kind.TRANSITION, "erin", "other change", "CLOSED", NOW);

        assertThat(store.dueHeads(NOW, 10)).containsExactly(1L, 3L);
        assertThat(store.dueHead("CHG-A", NOW)).contains(1L);

        store.claim(1, NOW, NOW.plusSeconds(60)).orElseThrow();
        store.delivered(1, NOW);
        assertThat(store.dueHead("CHG-A", NOW)).as("the next one, once the first is delivered").contains(2L);
    }

    @Test
    void aStalledUpdateHoldsBackTheLaterOnesUntilItIsQueuedAgain() {
        store.add("CHG-A", TICKET, Kind.COMMENT, "bob", "first", null, NOW);
        store.add("CHG-A", TICKET, Kind.COMMENT, "carol", "second", null, NOW);
        store.claim(1, NOW, NOW.plusSeconds(60)).orElseThrow();
        store.stalled(1, "Jira answered 500");

        assertThat(store.dueHeads(NOW, 10)).isEmpty();
        assertThat(store.dueHead("CHG-A", NOW)).as("the change's own head").isEmpty();
        assertThat(store.requeueStalled("CHG-A", NOW)).isEqualTo(1);
        QueuedUpdate again = store.claim(store.dueHead("CHG-A", NOW).orElseThrow(), NOW, NOW.plusSeconds(60))
                .orElseThrow();
        assertThat(again.id()).isEqualTo(1);
        assertThat(again.attempts()).as("fresh attempts").isEqualTo(1);
    }

    @Test
    void anUpdateIsClaimedByOneWorkerAtATimeAndItsAttemptCountedFirst() {
        store.add("CHG-A", TICKET, Kind.COMMENT, "bob", "first", null, NOW);

        QueuedUpdate claimed = store.claim(1, NOW, NOW.plusSeconds(60)).orElseThrow();
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.marker()).isEqualTo("(patchflow update 1)");
        assertThat(store.claim(1, NOW, NOW.plusSeconds(60))).as("a second worker").isEmpty();
        assertThat(store.dueHeads(NOW, 10)).isEmpty();
        // A worker that died holding it: the claim runs out, and the next attempt knows it is a retry.
        assertThat(store.claim(1, NOW.plusSeconds(61), NOW.plusSeconds(120)).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void theNextUpdateOfAChangeWaitsWhileTheOneBeforeItIsBeingSentOrWaitsForItsRetry() {
        store.add("CHG-A", TICKET, Kind.COMMENT, "bob", "first", null, NOW);
        store.add("CHG-A", TICKET, Kind.COMMENT, "carol", "second", null, NOW);

        store.claim(1, NOW, NOW.plusSeconds(60)).orElseThrow();
        assertThat(store.dueHead("CHG-A", NOW)).as("first one claimed").isEmpty();
        store.retryLater(1, NOW.plusSeconds(5), "HTTP 503");
        assertThat(store.dueHead("CHG-A", NOW)).as("first one waiting for its retry").isEmpty();
        assertThat(store.dueHead("CHG-A", NOW.plusSeconds(5))).contains(1L);
    }

    @Test
    void aFailedUpdateWaitsForItsNextAttempt() {
        store.add("CHG-A", TICKET, Kind.COMMENT, "bob", "first", null, NOW);
        store.claim(1, NOW, NOW.plusSeconds(60)).orElseThrow();
        store.retryLater(1, NOW.plusSeconds(5), "HTTP 503");

        assertThat(store.dueHeads(NOW.plusSeconds(4), 10)).isEmpty();
        assertThat(store.dueHeads(NOW.plusSeconds(5), 10)).containsExactly(1L);
    }

    @Test
    void backOffDoublesUpToItsCapAndNeverUndercutsRetryAfter() {
        OutboxProperties properties = new OutboxProperties(Duration.ofSeconds(1), 10, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5));

        assertThat(properties.backoff(1, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.backoff(2, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoff(3, null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoff(4, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backoff(9, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backoff(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(properties.backoff(3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(20));
    }
}
