package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AuditPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void withoutKeyNoCheckpointsAreSealed() {
        context.run(c -> {
            AuditProperties properties = c.getBean(AuditProperties.class);
            assertThat(properties.sealsCheckpoints()).isFalse();
            assertThat(properties.checkpointInterval()).isEqualTo(Duration.ofHours(1));
        });
        assertThat(new AuditProperties(" ", Duration.ofHours(1)).sealsCheckpoints()).isFalse();
    }

    @Test
    void theKeyAndIntervalBindFromConfiguration() {
        context.withPropertyValues("patchflow.audit.hmac-key=0123456789abcdef0123456789abcdef",
                "patchflow.audit.checkpoint-interval=PT15M").run(c -> {
                    AuditProperties properties = c.getBean(AuditProperties.class);
                    assertThat(properties.sealsCheckpoints()).isTrue();
                    assertThat(properties.checkpointInterval()).isEqualTo(Duration.ofMinutes(15));
                });
    }

    @Test
    void aShortKeyStopsTheApplicationWithTheVariableToSet() {
        context.withPropertyValues("patchflow.audit.hmac-key=too-short").run(c -> assertThat(c)
                .hasFailed().getFailure().rootCause().hasMessageContaining("PATCHFLOW_AUDIT_HMAC_KEY")
                .hasMessageContaining("32"));
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new AuditProperties(null, Duration.ZERO))
                .hasMessageContaining("checkpoint-interval");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuditProperties.class)
    static class Binding {
    }
}
