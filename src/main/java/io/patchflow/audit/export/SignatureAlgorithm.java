package io.patchflow.audit.export;

import java.util.Arrays;

/** How a pack is signed: with a shared secret (HMAC) or a private key whose public key anyone may hold. */
public enum SignatureAlgorithm {
    HMAC_SHA256("HMAC-SHA256", "HmacSHA256"),
    ED25519("Ed25519", "Ed25519"),
    RSA_SHA256("RSA-SHA256", "SHA256withRSA");

    private final String label;
    private final String jcaName;

    SignatureAlgorithm(String label, String jcaName) {
        this.label = label;
        this.jcaName = jcaName;
    }

    /** The name written into packs. */
    public String label() {
        return label;
    }

    String jcaName() {
        return jcaName;
    }

    static SignatureAlgorithm ofLabel(String label) {
        return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown signature algorithm '" + label
                        + "' (known: HMAC-SHA256, Ed25519, RSA-SHA256)"));
    }
}
