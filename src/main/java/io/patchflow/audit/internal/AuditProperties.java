package io.patchflow.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit settings. {@code hmacKey} seals checkpoints; it is a secret, so it comes from the environment
 * ({@code PATCHFLOW_AUDIT_HMAC_KEY}) and has no default: without it no checkpoints are written.
 */
@ConfigurationProperties("patchflow.audit")
record AuditProperties(String hmacKey, @DefaultValue("PT1H") Duration checkpointInterval) {

    static final int MINIMUM_KEY_LENGTH = 32;

    AuditProperties {
        if (hmacKey != null && !hmacKey.isBlank() && hmacKey.length() < MINIMUM_KEY_LENGTH) {
            throw new IllegalArgumentException("patchflow.audit.hmac-key (PATCHFLOW_AUDIT_HMAC_KEY) must be at least "
                    + MINIMUM_KEY_LENGTH + " characters long; generate one with: openssl rand -hex 32");
        }
        if (checkpointInterval == null || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("patchflow.audit.checkpoint-interval must be a positive duration, "
                    + "such as PT1H");
        }
    }

    boolean sealsCheckpoints() {
        return hmacKey != null && !hmacKey.isBlank();
    }

    byte[] keyBytes() {
        return hmacKey.getBytes(StandardCharsets.UTF_8);
    }
}
