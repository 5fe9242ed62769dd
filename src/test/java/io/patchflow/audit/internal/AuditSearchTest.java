package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditSearchTest {

    @Test
    void aDateUpperBoundIncludesTheWholeDay() {
        AuditSearch search = AuditSearch.of(null, null, null, "2025-01-01", "2025-01-31", 0, 50);

        assertThat(search.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(search.to()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
    }

    @Test
    void instantsAreTakenAsGiven() {
        AuditSearch search = AuditSearch.of(null, null, null, "2025-01-01T10:00:00Z", null, 2, 10);

        assertThat(search.from()).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
        assertThat(search.offset()).isEqualTo(20);
    }

    @Test
    void anUnreadableDateNamesTheParameter() {
        assertThatThrownBy(() -> AuditSearch.of(null, null, null, "yesterday", null, 0, 50))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).field()).isEqualTo("from"));
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> AuditSearch.of(null, null, null, null, null, 0, 501))
                .isInstanceOf(BadInputException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> AuditSearch.of(null, null, null, null, null, -1, 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("page");
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> AuditSearch.of(null, null, null, "2025-02-01", "2025-01-01", 0, 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("later");
    }
}
