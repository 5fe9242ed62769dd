package io.patchflow.audit.export;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How evidence packs are signed. Either a shared secret ({@code hmac-key}, environment
 * {@code PATCHFLOW_AUDIT_EXPORT_HMAC_KEY}, at least 32 characters) or a key pair from PEM files
 * ({@code private-key-file} and {@code public-key-file}, environment {@code PATCHFLOW_AUDIT_EXPORT_PRIVATE_KEY_FILE}
 * and {@code PATCHFLOW_AUDIT_EXPORT_PUBLIC_KEY_FILE}; Ed25519 or RSA). The key pair wins when both are set: its
 * public key can be handed to auditors without letting them sign. Nothing is set by default, except in the demo
 * profile; without a key exports are refused with a message naming these variables.
 */
@ConfigurationProperties("patchflow.audit.export")
record ExportProperties(String hmacKey, String privateKeyFile, String publicKeyFile) {

    static final int MINIMUM_HMAC_KEY_LENGTH = 32;

    static final String HOW_TO_CONFIGURE = "Evidence exports are signed and no signing key is configured: set "
            + "PATCHFLOW_AUDIT_EXPORT_PRIVATE_KEY_FILE and PATCHFLOW_AUDIT_EXPORT_PUBLIC_KEY_FILE to PEM files of an "
            + "Ed25519 or RSA key pair (openssl genpkey -algorithm ed25519 -out export-key.pem; openssl pkey -in "
            + "export-key.pem -pubout -out export-key.pub.pem), or PATCHFLOW_AUDIT_EXPORT_HMAC_KEY to a secret of "
            + "at least " + MINIMUM_HMAC_KEY_LENGTH + " characters (openssl rand -hex 32).";

    ExportProperties {
        hmacKey = blankToNull(hmacKey);
        privateKeyFile = blankToNull(privateKeyFile);
        publicKeyFile = blankToNull(publicKeyFile);
        if (hmacKey != null && hmacKey.length() < MINIMUM_HMAC_KEY_LENGTH) {
            throw new IllegalArgumentException("patchflow.audit.export.hmac-key (PATCHFLOW_AUDIT_EXPORT_HMAC_KEY) must "
                    + "be at least " + MINIMUM_HMAC_KEY_LENGTH + " characters long; generate one with: openssl rand "
                    + "-hex 32");
        }
        if ((privateKeyFile == null) != (publicKeyFile == null)) {
            throw new IllegalArgumentException("patchflow.audit.export.private-key-file and public-key-file "
                    + "(PATCHFLOW_AUDIT_EXPORT_PRIVATE_KEY_FILE, PATCHFLOW_AUDIT_EXPORT_PUBLIC_KEY_FILE) go together: "
                    + "set both or neither");
        }
    }

    boolean usesKeyPair() {
        return privateKeyFile != null;
    }

    boolean configured() {
        return usesKeyPair() || hmacKey != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
