package io.patchflow.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ChangeLogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theChangeIdIsInTheLoggingContextUntilTheScopeEnds() {
        try (ChangeLogContext.Scope scope = ChangeLogContext.open("CHG-000042")) {
            assertThat(MDC.get("changeId")).isEqualTo("CHG-000042");
        }
        assertThat(MDC.get("changeId")).isNull();
    }

    @Test
    void aNestedScopeGivesTheOuterChangeBack() {
        try (ChangeLogContext.Scope outer = ChangeLogContext.open("CHG-000001")) {
            try (ChangeLogContext.Scope inner = ChangeLogContext.open("CHG-000002")) {
                assertThat(MDC.get("changeId")).isEqualTo("CHG-000002");
            }
            assertThat(MDC.get("changeId")).isEqualTo("CHG-000001");
        }
    }

    @Test
    void anIdThatCouldForgeLogLinesIsLeftOut() {
        for (String forged : new String[] {"CHG-1\n{\"level\":\"ERROR\"}", "<script>", "x".repeat(65), ""}) {
            try (ChangeLogContext.Scope scope = ChangeLogContext.open(forged)) {
                assertThat(MDC.get("changeId")).as(forged).isNull();
            }
        }
    }
}
