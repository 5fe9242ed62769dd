package io.patchflow.audit;

import io.patchflow.audit.export.PackVerifier;

/**
 * Offline checks of exported evidence packs (JSON, CSV or PDF), without a server or database: what
 * {@code patchflow audit verify --pack} runs. Give the HMAC secret for packs signed with HMAC-SHA256, or the
 * signer's public key (PEM) for Ed25519 and RSA packs.
 */
public final class EvidencePacks {

    private EvidencePacks() {
    }

    public static PackVerification verify(byte[] pack, byte[] hmacSecret, String publicKeyPem) {
        return PackVerifier.verify(pack, hmacSecret, publicKeyPem);
    }
}
