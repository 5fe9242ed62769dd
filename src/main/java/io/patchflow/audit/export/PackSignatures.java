package io.patchflow.audit.export;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks a pack's signature with the key a verifier holds: the HMAC secret or the signer's public key. */
final class PackSignatures {

    private PackSignatures() {
    }

    static boolean verifies(SignatureAlgorithm algorithm, byte[] data, String signatureBase64, byte[] secret,
            PublicKey publicKey) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        try {
            if (algorithm == SignatureAlgorithm.HMAC_SHA256) {
                Mac mac = Mac.getInstance(algorithm.jcaName());
                mac.init(new SecretKeySpec(secret, algorithm.jcaName()));
                // Constant time: how long a check takes must not tell how much of a forgery was right.
                return MessageDigest.isEqual(mac.doFinal(data), given);
            }
            if (!PemKeys.algorithmOf(publicKey).equals(algorithm)) {
                return false;
            }
            Signature signature = Signature.getInstance(algorithm.jcaName());
            signature.initVerify(publicKey);
            signature.update(data);
            return signature.verify(given);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
