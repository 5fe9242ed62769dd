package io.patchflow.advisory.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** Feed load records on the embedded default's database (H2), with exactly the advisory migrations. */
class FeedLoadStoreOnH2Test {

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:feeds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(dataSource);
    private final FeedLoadStore store = new FeedLoadStore(named, new ObjectMapper().findAndRegisterModules());

    FeedLoadStoreOnH2Test() {
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1_2__advisory.sql"),
                new ClassPathResource("db/migration/common/V1_8__advisory_feeds.sql")).execute(dataSource);
    }

    @AfterEach
    void shutdown() {
        named.getJdbcTemplate().execute("SHUTDOWN");
    }

    @Test
    void theLastLoadAndTheLastAttemptAreToldApart() {
        long id = store.start(Feed.KEV, "alice", "upload");
        store.finish(id, "2025.08.25", OffsetDateTime.parse("2025-08-25T17:04:19.9796Z"), Map.of("entries", 1404));
        store.failed(Feed.KEV, "system", "https://example.org/kev.json", OffsetDateTime.now(), "HTTP 503");

        assertThat(store.lastSuccessful(Feed.KEV)).hasValueSatisfying(load -> {
            assertThat(load.loadedBy()).isEqualTo("alice");
            assertThat(load.version()).isEqualTo("2025.08.25");
            assertThat(load.publishedAt()).isEqualTo(OffsetDateTime.parse("2025-08-25T17:04:19.9796Z"));
            assertThat(load.counts()).containsEntry("entries", 1404);
        });
        assertThat(store.lastAttempt(Feed.KEV)).hasValueSatisfying(load -> {
            assertThat(load.succeeded()).isFalse();
            assertThat(load.error()).isEqualTo("HTTP 503");
        });
        assertThat(store.lastAttempt(Feed.EPSS)).isEmpty();
        assertThat(store.stored(Feed.KEV)).isZero();
    }
}
