package io.patchflow.advisory.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.advisory.store.AdvisoryWriter;
import io.patchflow.advisory.store.StoredAffected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The tracker import on the embedded default's database (H2), with exactly the advisory migrations. */
class TrackerImportOnH2Test {

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:tracker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    private final DebianTrackerImporter importer;
    private final AdvisoryReader reader = new AdvisoryReader(named);

    TrackerImportOnH2Test() {
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1_2__advisory.sql"),
                new ClassPathResource("db/migration/common/V1_8__advisory_feeds.sql")).execute(dataSource);
        importer = new DebianTrackerImporter(new ObjectMapper(), new AdvisoryWriter(jdbc, named));
    }

    @AfterEach
    void shutdown() {
        jdbc.execute("SHUTDOWN");
    }

    private TrackerImportResult importSample(long loadId) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(DebianTrackerReaderTest.SAMPLE)) {
            return importer.importTracker(in, loadId);
        }
    }

    @Test
    void storesTheNoFixReasonAndReadsItBackForTheMatcher() throws IOException {
        importSample(1);

        List<StoredAffected> affected = reader.affectedOf(List.of("DEBIAN-TRACKER:imagemagick:CVE-2023-34152"));
        assertThat(affected).extracting(s -> s.affected().ecosystem() + " " + s.affected().noFixReason())
                .containsExactly("Debian:11 postponed: Minor issue; fix planned for the next point release",
                        "Debian:12 ignored: Minor issue", "Debian:13 open", "Debian:unstable open");
        assertThat(reader.resolve(List.of("CVE-2024-4741"))).containsKey("CVE-2024-4741");
    }

    @Test
    void aSecondImportKeepsWhatIsUnchangedAndRetractsWhatIsGone() throws IOException {
        importSample(1);
        String modified = jdbc.queryForObject("SELECT CAST(modified AS VARCHAR) FROM adv_advisory WHERE id = ?",
                String.class, "DEBIAN-TRACKER:linux:CVE-2024-26581");

        TrackerImportResult again = importSample(2);
        assertThat(again.unchanged()).isEqualTo(8);
        assertThat(again.added() + again.changed() + again.retracted()).isZero();
        assertThat(jdbc.queryForObject("SELECT CAST(modified AS VARCHAR) FROM adv_advisory WHERE id = ?",
                String.class, "DEBIAN-TRACKER:linux:CVE-2024-26581")).isEqualTo(modified);

        TrackerImportResult empty = importer.importTracker(new ByteArrayInputStream("{}".getBytes(
                StandardCharsets.UTF_8)), 3);
        assertThat(empty.retracted()).isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM adv_affected", Integer.class)).isZero();
    }

    @Test
    void leavesOsvAdvisoriesAlone() throws IOException {
        jdbc.update("INSERT INTO adv_advisory (id, modified, imported_at) VALUES ('DSA-5724-1', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP)");
        importSample(1);
        importer.importTracker(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), 2);

        assertThat(jdbc.queryForList("SELECT id FROM adv_advisory", String.class)).containsExactly("DSA-5724-1");
    }
}
