package io.patchflow.advisory.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.advisory.KevEntry;
import io.patchflow.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class RiskFeedParsersTest {

    private static EpssFeedParser.EpssFile epss(String csv) throws IOException {
        return EpssFeedParser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsTheEpssModelVersionAndScoreDateOfTheFirstLine() throws IOException {
        EpssFeedParser.EpssFile file = epss("""
                #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000
                cve,epss,percentile
                CVE-1999-0001,0.01141,0.77873
                CVE-2025-48384,0.00484,0.64342
                """);

        assertThat(file.modelVersion()).isEqualTo("v2025.03.14");
        assertThat(file.scoreDate()).isEqualTo(LocalDate.of(2025, 8, 25));
        assertThat(file.scores()).hasSize(2).allSatisfy(s -> assertThat(s.date()).isEqualTo(file.scoreDate()));
    }

    @Test
    void namesTheEpssLineThatIsNotAScore() {
        assertThatThrownBy(() -> epss("""
                #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000
                cve,epss,percentile
                CVE-1999-0001,0.01141,0.77873
                CVE-1999-0002,high,0.5
                """)).isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).field()).isEqualTo("line 4"));
    }

    @Test
    void readsTheKevCatalogVersionReleaseTimeAndDueDatesOfTheRealCatalog() throws IOException {
        KevFeedParser.Catalog catalog = KevFeedParser.parse(new ObjectMapper().readTree(
                Fixtures.path("kev/known_exploited_vulnerabilities.json").toFile()));

        assertThat(catalog.version()).isEqualTo("2025.08.25");
        assertThat(catalog.dateReleased()).isEqualTo(OffsetDateTime.parse("2025-08-25T17:04:19.9796Z"));
        assertThat(catalog.entries()).hasSize(1404);
        KevEntry git = catalog.entries().stream().filter(e -> e.cveId().equals("CVE-2025-48384")).findFirst()
                .orElseThrow();
        assertThat(git.dateAdded()).isEqualTo(LocalDate.of(2025, 8, 25));
        assertThat(git.dueDate()).isEqualTo(LocalDate.of(2025, 9, 15));
        assertThat(catalog.entries()).allSatisfy(e -> assertThat(e.dueDate()).isNotNull());
    }
}
