package io.patchflow.audit.export;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the PEM files {@code openssl genpkey} writes: a PKCS#8 private key ({@code BEGIN PRIVATE KEY}) and an X.509
 * public key ({@code BEGIN PUBLIC KEY}), Ed25519 or RSA. The key type is found by trying both, so nobody has to
 * configure it.
 */
final class PemKeys {

    private static final List<String> TYPES = List.of("Ed25519", "RSA");

    private PemKeys() {
    }

    static PrivateKey privateKey(String pem) {
        byte[] der = der(pem, "PRIVATE KEY");
        for (String type : TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("the private key is neither Ed25519 nor RSA in PKCS#8 form "
                + "(create one with: openssl genpkey -algorithm ed25519 -out export-key.pem)");
    }

    static PublicKey publicKey(String pem) {
        byte[] der = der(pem, "PUBLIC KEY");
        for (String type : TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("the public key is neither Ed25519 nor RSA in X.509 form "
                + "(derive it with: openssl pkey -in export-key.pem -pubout -out export-key.pub.pem)");
    }

    static SignatureAlgorithm algorithmOf(java.security.Key key) {
        return "RSA".equals(key.getAlgorithm()) ? SignatureAlgorithm.RSA_SHA256 : SignatureAlgorithm.ED25519;
    }

    /** A public key's id: the first 16 hex digits of the SHA-256 of its DER form, as a verifier can compute too. */
    static String keyId(PublicKey key) {
        return "sha256:" + sha256Hex(key.getEncoded()).substring(0, 16);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private static byte[] der(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM file with a '" + begin + "' block");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block '" + label + "' is not base64", e);
        }
    }
}
