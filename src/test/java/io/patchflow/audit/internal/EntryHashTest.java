package io.patchflow.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EntryHashTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456Z");

    private static final EntryHash FIELDS = new EntryHash(EntryHash.GENESIS, 1, "CHG-1", AT, "approval.vote",
            "carol", "Approved", "Looks fine", "{\"vote\":\"approve\"}", "{}");

    @Test
    void hashIsSha256OfTheDocumentedCanonicalArray() throws Exception {
        // The documented form, so an auditor's own script can recompute hashes from an export.
        String canonical = "[\"" + EntryHash.GENESIS + "\",1,\"CHG-1\",\"2025-01-02T03:04:05.123456Z\","
                + "\"approval.vote\",\"carol\",\"Approved\",\"Looks fine\",\"{\\\"vote\\\":\\\"approve\\\"}\",\"{}\"]";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));

        assertThat(FIELDS.compute()).isEqualTo(expected).hasSize(64);
    }

    @Test
    void everyFieldChangesTheHash() {
        List<UnaryOperator<EntryHash>> changes = List.of(
                f -> new EntryHash("1".repeat(64), f.seq(), f.changeId(), f.at(), f.kind(), f.actor(), f.summary(),
                        f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), 2, f.changeId(), f.at(), f.kind(), f.actor(), f.summary(),
                        f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), null, f.at(), f.kind(), f.actor(), f.summary(),
                        f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at().plusNanos(1000), f.kind(),
                        f.actor(), f.summary(), f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at(), "approval.veto", f.actor(),
                        f.summary(), f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at(), f.kind(), "dave", f.summary(),
                        f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at(), f.kind(), f.actor(), "Rejected",
                        f.reason(), f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at(), f.kind(), f.actor(), f.summary(),
                        null, f.inputsJson(), f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at(), f.kind(), f.actor(), f.summary(),
                        f.reason(), "{\"vote\":\"reject\"}", f.outcomeJson()),
                f -> new EntryHash(f.previousHash(), f.seq(), f.changeId(), f.at(), f.kind(), f.actor(), f.summary(),
                        f.reason(), f.inputsJson(), "{\"approved\":true}"));

        String original = FIELDS.compute();
        changes.forEach(change -> assertThat(change.apply(FIELDS).compute()).isNotEqualTo(original));
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameHash() {
        EntryHash shifted = new EntryHash(EntryHash.GENESIS, 1, "CHG-1", AT, "approval.vote", "carolApproved", "",
                "Looks fine", "{\"vote\":\"approve\"}", "{}");

        assertThat(shifted.compute()).isNotEqualTo(FIELDS.compute());
    }

    @Test
    void timeBelowMicrosecondsDoesNotChangeTheHashBecauseTheDatabaseDropsIt() {
        EntryHash withNanos = new EntryHash(FIELDS.previousHash(), 1, "CHG-1", AT.plusNanos(999), "approval.vote",
                "carol", "Approved", "Looks fine", "{\"vote\":\"approve\"}", "{}");

        assertThat(withNanos.compute()).isEqualTo(FIELDS.compute());
    }

    @Test
    void reformattedButEqualJsonHashesTheSame() {
        EntryHash reformatted = new EntryHash(FIELDS.previousHash(), 1, "CHG-1", AT, "approval.vote", "carol",
                "Approved", "Looks fine", "{ \"vote\" : \"approve\" }", "{ }");

        assertThat(reformatted.compute()).isEqualTo(FIELDS.compute());
    }

    @Test
    void theAppendersHashOfCanonicalJsonIsTheHashVerificationRecomputes() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("targets", Map.of("web-2", List.of("openssl=3.0.15-1"), "web-1", List.of("openssl=3.0.15-1")));
        inputs.put("cvss", new BigDecimal("9.80"));
        inputs.put("at", Instant.parse("2025-01-01T00:00:00Z"));
        inputs.put("note", "quote \" and unicode \u00e9");
        EntryHash appended = new EntryHash(FIELDS.previousHash(), 7, "CHG-1", AT, "rollout.batch", "system", "Ring 1",
                null, CanonicalJson.write(inputs), CanonicalJson.write(Map.of("outcome", "MORE_BATCHES")));

        assertThat(appended.computeFromCanonical()).isEqualTo(appended.compute());
    }
}
