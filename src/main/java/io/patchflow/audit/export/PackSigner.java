package io.patchflow.audit.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs the bytes of a pack with the configured key; {@code keyId} tells a verifier which key to use. */
final class PackSigner {

    private final SignatureAlgorithm algorithm;
    private final String keyId;
    private final byte[] secret;
    private final PrivateKey privateKey;

    private PackSigner(SignatureAlgorithm algorithm, String keyId, byte[] secret, PrivateKey privateKey) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.secret = secret;
        this.privateKey = privateKey;
    }

    static PackSigner hmac(String key) {
        byte[] secret = key.getBytes(StandardCharsets.UTF_8);
        // The id is a digest of a digest: it tells keys apart without giving a guesser anything to test against.
        String keyId = "hmac:" + PemKeys.sha256Hex(PemKeys.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII))
                .substring(0, 16);
        return new PackSigner(SignatureAlgorithm.HMAC_SHA256, keyId, secret, null);
    }

    static PackSigner keyPair(PrivateKey privateKey, java.security.PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            throw new IllegalArgumentException("the export private key (" + privateKey.getAlgorithm()
                    + ") and public key (" + publicKey.getAlgorithm() + ") are not a pair");
        }
        PackSigner signer = new PackSigner(PemKeys.algorithmOf(privateKey), PemKeys.keyId(publicKey), null,
                privateKey);
        byte[] probe = "patchflow key pair check".getBytes(StandardCharsets.UTF_8);
        if (!PackSignatures.verifies(signer.algorithm, probe, signer.sign(probe), null, publicKey)) {
            throw new IllegalArgumentException("the export public key does not belong to the export private key");
        }
        return signer;
    }

    SignatureAlgorithm algorithm() {
        return algorithm;
    }

    String keyId() {
        return keyId;
    }

    /** The signature of {@code data}, base64. */
    String sign(byte[] data) {
        try {
            if (algorithm == SignatureAlgorithm.HMAC_SHA256) {
                Mac mac = Mac.getInstance(algorithm.jcaName());
                mac.init(new SecretKeySpec(secret, algorithm.jcaName()));
                return Base64.getEncoder().encodeToString(mac.doFinal(data));
            }
            Signature signature = Signature.getInstance(algorithm.jcaName());
            signature.initSign(privateKey);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing with " + algorithm.label() + " failed", e);
        }
    }
}
