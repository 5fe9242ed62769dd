package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointSignatureTest {

    private static final byte[] KEY = "test-key-of-at-least-thirty-two-characters".getBytes(StandardCharsets.UTF_8);
    private static final Instant SEALED_AT = Instant.parse("2025-05-01T12:00:00Z");
    private static final String HASH = "ab".repeat(32);

    private final CheckpointSignature signature = new CheckpointSignature(KEY);

    @Test
    void aSealWrittenWithTheKeyVerifies() {
        Checkpoint seal = new Checkpoint(7, 70, HASH, SEALED_AT, signature.sign(7, HASH, SEALED_AT));

        assertThat(signature.verifies(seal)).isTrue();
    }

    @Test
    void aSealMovedToAnotherPositionOrHashDoesNotVerify() {
        String hmac = signature.sign(7, HASH, SEALED_AT);

        assertThat(signature.verifies(new Checkpoint(6, 70, HASH, SEALED_AT, hmac))).isFalse();
        assertThat(signature.verifies(new Checkpoint(7, 70, "cd".repeat(32), SEALED_AT, hmac))).isFalse();
        assertThat(signature.verifies(new Checkpoint(7, 70, HASH, SEALED_AT.plusSeconds(1), hmac))).isFalse();
    }

    @Test
    void aSealWrittenWithAnotherKeyDoesNotVerify() {
        CheckpointSignature other = new CheckpointSignature(
                "another-key-of-at-least-thirty-two-chars".getBytes(StandardCharsets.UTF_8));
        Checkpoint forged = new Checkpoint(7, 70, HASH, SEALED_AT, other.sign(7, HASH, SEALED_AT));

        assertThat(signature.verifies(forged)).isFalse();
    }
}
