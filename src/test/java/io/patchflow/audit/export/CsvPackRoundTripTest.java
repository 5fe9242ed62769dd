package io.patchflow.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditVerification;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.audit.internal.CanonicalJson;
import io.patchflow.audit.internal.EntryHash;
import io.patchflow.audit.internal.EvidenceSource.ChainState;
import io.patchflow.audit.internal.EvidenceSource.ChainedEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whatever people wrote into a decision survives the CSV pack exactly (the hashes recompute from the cells):
 * quotes, commas, line breaks, formulas, apostrophes, non-Latin text, and the difference between no reason and an
 * empty one. A formula never reaches a spreadsheet as one.
 */
class CsvPackRoundTripTest {

    private static final String KEY = "csv-round-trip-key-0123456789abcdef";

    @Test
    void hostileTextRoundTripsAndStillVerifies() {
        List<String> texts = List.of("plain", "with \"quotes\", and commas", "two\nlines\r\nand more",
                "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "'quoted already", "''two", "\tTab", "Ünïcödé 漢字 🙂",
                "", "#signature,HMAC-SHA256,x,y");
        List<ChainedEntry> entries = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        Instant at = Instant.parse("2026-05-01T08:00:00.000001Z");
        for (int i = 0; i < texts.size(); i++) {
            String reason = i % 2 == 0 ? null : texts.get(i);
            Map<String, Object> inputs = Map.of("note", texts.get(i));
            String hash = new EntryHash(previous, i + 1, "CHG-1", at, "test.kind", "alice", texts.get(i), reason,
                    CanonicalJson.write(inputs), "{}").compute();
            entries.add(new ChainedEntry(i + 1, new AuditEntry(i + 100, "CHG-1", at, "test.kind", "alice",
                    texts.get(i), reason, inputs, Map.of(), previous, hash)));
            previous = hash;
        }
        EvidencePack pack = new EvidencePack(new EvidenceScope("CHG-1", null, null), at, "frank",
                new ChainState(texts.size(), previous, Optional.empty(), AuditVerification.intact(texts.size())),
                entries);

        byte[] csv = CsvPackWriter.write(pack, PackSigner.hmac(KEY));
        String text = new String(csv, StandardCharsets.UTF_8);

        PackVerification result = EvidencePacks.verify(csv, KEY.getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).isEqualTo(texts.size());
        assertThat(text).doesNotContain(",\"=cmd").doesNotContain(",\"+1\"").doesNotContain(",\"@SUM")
                .contains(",\"'=cmd|' /C calc'!A0\"").contains(",\"'''two\"");
        List<List<String>> rows = CsvPackReader.rows(text.substring(0, text.lastIndexOf("#signature,")));
        assertThat(rows).extracting(r -> r.get(6)).containsExactlyElementsOf(texts);
        assertThat(rows.get(0).get(7)).isNull();
        assertThat(rows.get(11).get(7)).isEmpty();
    }

    @Test
    void aPeriodPackWithAnEntryLeftOutFailsEvenWhenSignedByTheKeyHolder() {
        EvidencePack full = PackSigningTest.pack();
        ChainedEntry second = full.entries().get(1);
        Instant at = second.entry().at().plusSeconds(60);
        String third = new EntryHash(second.entry().hash(), 3, "CHG-000002", at, "change.requested", "bob", "Third",
                null, "{}", "{}").compute();
        ChainedEntry thirdEntry = new ChainedEntry(3, new AuditEntry(13, "CHG-000002", at, "change.requested", "bob",
                "Third", null, Map.of(), Map.of(), second.entry().hash(), third));
        // The second entry is left out; the key holder signs what remains.
        EvidencePack gap = new EvidencePack(new EvidenceScope(null, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z")), full.generatedAt(), full.generatedBy(), full.chain(),
                List.of(full.entries().get(0), thirdEntry));

        for (byte[] file : List.of(CsvPackWriter.write(gap, PackSigner.hmac(KEY)),
                JsonPackWriter.write(gap, PackSigner.hmac(KEY)))) {
            PackVerification result = EvidencePacks.verify(file, KEY.getBytes(StandardCharsets.UTF_8), null);
            assertThat(result.problems()).anyMatch(p -> p.contains("entries are missing before it"));
        }
    }
}
