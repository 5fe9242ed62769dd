package io.patchflow.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over a checkpoint's position, hash and time: only the key holder can write a valid seal. */
final class CheckpointSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    CheckpointSignature(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    String sign(long seq, String hash, java.time.Instant sealedAt) {
        String message = seq + "\n" + hash + "\n" + DateTimeFormatter.ISO_INSTANT.format(sealedAt);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime provides " + ALGORITHM, e);
        }
    }

    boolean verifies(Checkpoint checkpoint) {
        String expected = sign(checkpoint.seq(), checkpoint.hash(), checkpoint.sealedAt());
        // Constant-time comparison: response timing must not reveal how much of a forged seal was right.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                checkpoint.hmac().getBytes(StandardCharsets.US_ASCII));
    }
}
