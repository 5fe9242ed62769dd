package io.patchflow.audit.export;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.audit.internal.EvidenceSource;
import io.patchflow.audit.internal.EvidenceSource.ChainState;
import io.patchflow.audit.internal.EvidenceSource.ChainedEntry;
import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Builds, signs and writes an evidence pack, and puts the export itself on the record (who took which evidence
 * out, and the digest of exactly what they got).
 */
@Service
class EvidenceExports {

    /** A larger period is refused: a pack must stay something a person can open, and a request must stay short. */
    static final int MAX_ENTRIES = 50_000;

    record Export(String fileName, String mediaType, byte[] bytes) {
    }

    private final EvidenceSource source;
    private final ExportSigning signing;
    private final AuditTrail trail;

    EvidenceExports(EvidenceSource source, ExportSigning signing, AuditTrail trail) {
        this.source = source;
        this.signing = signing;
        this.trail = trail;
    }

    Export export(EvidenceScope scope, PackFormat format, String user) {
        PackSigner signer = signing.signer();
        // The chain state is read first: every entry the pack holds was committed when the state was taken.
        ChainState chain = source.state();
        List<ChainedEntry> entries = scope.perChange() ? source.ofChange(scope.changeId(), MAX_ENTRIES + 1)
                : source.between(scope.from(), scope.to(), MAX_ENTRIES + 1);
        if (entries.size() > MAX_ENTRIES) {
            throw new BadInputException(scope.perChange() ? "changeId" : "from", "more than " + MAX_ENTRIES
                    + " entries: export a shorter period");
        }
        entries = entries.stream().filter(e -> e.seq() <= chain.headSeq()).toList();
        EvidencePack pack = new EvidencePack(scope, Instant.now(), user, chain, entries);
        byte[] bytes = switch (format) {
            case JSON -> JsonPackWriter.write(pack, signer);
            case CSV -> CsvPackWriter.write(pack, signer);
            case PDF -> PdfPackWriter.write(pack, signer);
        };
        Map<String, Object> inputs = new LinkedHashMap<>(scope.describe());
        inputs.put("format", format.extension());
        trail.record(new AuditRecord(scope.changeId(), "evidence.exported", user, "Evidence pack exported ("
                + format.extension() + ", " + entries.size() + " entries)", null, inputs,
                Map.of("entries", entries.size(), "sha256", PemKeys.sha256Hex(bytes),
                        "algorithm", signer.algorithm().label(), "keyId", signer.keyId())));
        return new Export(scope.fileStem() + "." + format.extension(), format.mediaType(), bytes);
    }
}
