package io.patchflow.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditVerification;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.audit.internal.EntryHash;
import io.patchflow.audit.internal.EvidenceSource.ChainState;
import io.patchflow.audit.internal.EvidenceSource.ChainedEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs signed with a key pair verify with the public key alone, and only with the signer's. */
class PackSigningTest {

    @TempDir
    Path dir;

    @Test
    void anEd25519PackVerifiesWithThePublicKeyInEveryFormat() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ExportSigning signing = new ExportSigning(keyPairProperties(keys));
        EvidencePack pack = pack();

        for (byte[] file : List.of(JsonPackWriter.write(pack, signing.signer()),
                CsvPackWriter.write(pack, signing.signer()), PdfPackWriter.write(pack, signing.signer()))) {
            PackVerification result = EvidencePacks.verify(file, null, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            assertThat(result.problems()).isEmpty();
            assertThat(result.algorithm()).isEqualTo("Ed25519");
            assertThat(result.keyId()).isEqualTo(PemKeys.keyId(keys.getPublic()));
            assertThat(result.entries()).isEqualTo(2);
            assertThat(result.headSeq()).isEqualTo(2);
        }
    }

    @Test
    void anRsaPackVerifiesWithItsPublicKeyAndNotWithAnotherOne() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        byte[] file = JsonPackWriter.write(pack(), new ExportSigning(keyPairProperties(keys)).signer());

        assertThat(EvidencePacks.verify(file, null, pem("PUBLIC KEY", keys.getPublic().getEncoded())).valid())
                .isTrue();
        PackVerification other = EvidencePacks.verify(file, null,
                pem("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()));
        assertThat(other.problems()).singleElement().asString().contains("names signing key");
    }

    @Test
    void aKeyPairPackCannotBeCheckedWithoutAPublicKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] file = CsvPackWriter.write(pack(), new ExportSigning(keyPairProperties(keys)).signer());

        assertThat(EvidencePacks.verify(file, "x".repeat(32).getBytes(StandardCharsets.UTF_8), null).problems())
                .singleElement().asString().contains("give the signer's public key");
    }

    @Test
    void aPublicKeyThatIsNotThePrivateKeysPartnerStopsTheStart() throws Exception {
        KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair two = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = write("private.pem", pem("PRIVATE KEY", one.getPrivate().getEncoded()));
        Path publicKey = write("public.pem", pem("PUBLIC KEY", two.getPublic().getEncoded()));

        assertThatThrownBy(() -> new ExportSigning(new ExportProperties(null, privateKey.toString(),
                publicKey.toString()))).hasMessageContaining("does not belong to the export private key");
    }

    @Test
    void withoutAKeyExportsAreRefusedNamingTheVariablesToSet() {
        ExportSigning none = new ExportSigning(new ExportProperties(null, null, null));

        assertThatThrownBy(none::signer).isInstanceOf(ExportNotConfiguredException.class)
                .hasMessageContaining("PATCHFLOW_AUDIT_EXPORT_PRIVATE_KEY_FILE")
                .hasMessageContaining("PATCHFLOW_AUDIT_EXPORT_HMAC_KEY");
    }

    @Test
    void aShortHmacKeyOrHalfAKeyPairIsRefused() {
        assertThatThrownBy(() -> new ExportProperties("short", null, null))
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new ExportProperties(null, "/etc/key.pem", null))
                .hasMessageContaining("set both or neither");
    }

    @Test
    void somethingThatIsNoPackIsSaidToBeNone() {
        PackVerification result = EvidencePacks.verify("hello".getBytes(StandardCharsets.UTF_8), new byte[32], null);

        assertThat(result.problems()).containsExactly("not an evidence pack: neither PDF, JSON nor a Patchflow "
                + "evidence CSV");
    }

    private ExportProperties keyPairProperties(KeyPair keys) throws Exception {
        Path privateKey = write("private.pem", pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Path publicKey = write("public.pem", pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        return new ExportProperties(null, privateKey.toString(), publicKey.toString());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** What openssl writes: base64 of the DER in lines of 64 between BEGIN and END. */
    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Two chained entries, hashed as the log hashes them. */
    static EvidencePack pack() {
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
        String first = new EntryHash(EntryHash.GENESIS, 1, "CHG-000001", at, "change.requested", "alice",
                "Requested", null, "{\"hosts\":[\"web-1\"]}", "{}").compute();
        String second = new EntryHash(first, 2, "CHG-000001", at.plusSeconds(60), "approval.vote", "carol",
                "Approved", "Looks right", "{\"score\":9.80}", "{\"vote\":\"approve\"}").compute();
        List<ChainedEntry> entries = List.of(
                new ChainedEntry(1, new AuditEntry(11, "CHG-000001", at, "change.requested", "alice", "Requested",
                        null, Map.of("hosts", List.of("web-1")), Map.of(), EntryHash.GENESIS, first)),
                new ChainedEntry(2, new AuditEntry(12, "CHG-000001", at.plusSeconds(60), "approval.vote", "carol",
                        "Approved", "Looks right", Map.of("score", new java.math.BigDecimal("9.80")),
                        Map.of("vote", "approve"), first, second)));
        return new EvidencePack(new EvidenceScope("CHG-000001", null, null), Instant.parse("2026-03-02T00:00:00Z"),
                "frank", new ChainState(2, second, Optional.empty(), AuditVerification.intact(2)), entries);
    }
}
