package io.patchflow.audit.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The signing key of this installation, read once at start-up. A key that is configured but unreadable stops the
 * start (a silent fallback would produce unsigned evidence); no key at all leaves exports refused with a message.
 */
@Component
@EnableConfigurationProperties(ExportProperties.class)
class ExportSigning {

    private static final Logger log = LoggerFactory.getLogger(ExportSigning.class);

    private final PackSigner signer;
    private final PublicKey publicKey;

    ExportSigning(ExportProperties properties) {
        if (properties.usesKeyPair()) {
            this.publicKey = PemKeys.publicKey(read(properties.publicKeyFile(), "public-key-file"));
            this.signer = PackSigner.keyPair(PemKeys.privateKey(read(properties.privateKeyFile(), "private-key-file")),
                    publicKey);
        } else if (properties.hmacKey() != null) {
            this.publicKey = null;
            this.signer = PackSigner.hmac(properties.hmacKey());
        } else {
            this.publicKey = null;
            this.signer = null;
            log.warn(ExportProperties.HOW_TO_CONFIGURE);
        }
    }

    /** The signer, or an exception whose message says which variables to set. */
    PackSigner signer() {
        if (signer == null) {
            throw new ExportNotConfiguredException(ExportProperties.HOW_TO_CONFIGURE);
        }
        return signer;
    }

    /** The public key auditors verify key-pair signatures with; empty with HMAC or no key. */
    Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    private static String read(String file, String property) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("patchflow.audit.export." + property + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
