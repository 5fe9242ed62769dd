package io.patchflow.audit.internal;

import java.time.Instant;

/** A seal: "the chain had reached position {@code seq}, entry {@code entryId}, with this hash". */
public record Checkpoint(long seq, long entryId, String hash, Instant sealedAt, String hmac) {
}
