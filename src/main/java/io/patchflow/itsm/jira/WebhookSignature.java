package io.patchflow.itsm.jira;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Jira signs a webhook's body with the shared secret: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256>}. Compared in
 * constant time, so the answer's timing tells nothing about how much of a forged signature was right.
 */
final class WebhookSignature {

    static final String HEADER = "X-Hub-Signature";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    WebhookSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String header, byte[] body) {
        if (header == null || !header.trim().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.trim().substring(PREFIX.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body), claimed);
    }

    String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
