package io.patchflow.audit.export;

import io.patchflow.audit.internal.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * The pack an auditor files: readable pages (scope, chain state, every entry with its hashes), the signed JSON pack
 * attached as {@code evidence.json}, and after the end of the PDF one comment line
 * {@code %patchflow-signature ALG KEY-ID VALUE} that signs every byte of the file before it. PDF readers ignore the
 * line; {@link PackVerifier} checks it, then the attached JSON.
 */
final class PdfPackWriter {

    static final String SIGNATURE_PREFIX = "%patchflow-signature ";
    static final String ATTACHMENT = "evidence.json";

    private PdfPackWriter() {
    }

    static byte[] write(EvidencePack pack, PackSigner signer) {
        byte[] json = JsonPackWriter.write(pack, signer);
        try (PDDocument pdf = new PDDocument()) {
            describe(pdf, pack);
            PdfPages pages = new PdfPages(pdf);
            content(pages, pack, signer);
            pages.close();
            attach(pdf, json, pack);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            byte[] body = out.toByteArray();
            String signature = "\n" + SIGNATURE_PREFIX + signer.algorithm().label() + " " + signer.keyId() + " "
                    + signer.sign(body) + "\n";
            out.writeBytes(signature.getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The PDF evidence pack could not be written", e);
        }
    }

    private static void describe(PDDocument pdf, EvidencePack pack) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle("Patchflow evidence pack " + pack.scope().fileStem());
        info.setCreator("Patchflow");
        info.setSubject(EvidencePack.FORMAT);
        // A fixed creation date from the pack, not the clock: the same pack renders to the same bytes.
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(pack.generatedAt().toEpochMilli());
        info.setCreationDate(created);
    }

    private static void content(PdfPages pages, EvidencePack pack, PackSigner signer) throws IOException {
        Map<String, Object> document = pack.document();
        pages.heading("Patchflow evidence pack");
        pages.line("Scope: " + (pack.scope().perChange() ? "change " + pack.scope().changeId()
                : "entries recorded from " + pack.scope().from() + " to " + pack.scope().to() + " (exclusive)"));
        pages.line("Generated " + pack.generatedAt() + " by " + pack.generatedBy());
        pages.line("Signed with " + signer.algorithm().label() + ", key " + signer.keyId()
                + "; check with: patchflow audit verify --pack FILE");
        pages.line("The signed machine-readable pack is attached as " + ATTACHMENT + ".");
        pages.gap();
        pages.heading("Audit chain at export");
        @SuppressWarnings("unchecked")
        Map<String, Object> chain = (Map<String, Object>) document.get("chain");
        pages.line("Head: position " + chain.get("headSeq") + ", hash " + chain.get("headHash"));
        pages.line("Verification: " + (Boolean.TRUE.equals(chain.get("valid")) ? "intact" : "BROKEN - "
                + chain.get("problem")) + " (" + chain.get("verifiedEntries") + " entries)");
        pages.line("Latest sealed checkpoint: " + (chain.get("latestCheckpoint") == null ? "none"
                : CanonicalJson.writeAny(chain.get("latestCheckpoint"))));
        pages.gap();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) document.get("entries");
        pages.heading("Decisions (" + entries.size() + "), oldest first");
        for (Map<String, Object> e : entries) {
            pages.keepTogether(6);
            pages.bold("#" + e.get("seq") + "  " + e.get("at") + "  " + e.get("kind") + "  by " + e.get("actor")
                    + (e.get("changeId") == null ? "" : "  [" + e.get("changeId") + "]"));
            pages.line(String.valueOf(e.get("summary")));
            if (e.get("reason") != null) {
                pages.line("Reason: " + e.get("reason"));
            }
            pages.line("Inputs: " + CanonicalJson.writeAny(e.get("inputs")));
            pages.line("Outcome: " + CanonicalJson.writeAny(e.get("outcome")));
            pages.small("hash " + e.get("hash") + "  previous " + e.get("previousHash"));
            pages.gap();
        }
    }

    private static void attach(PDDocument pdf, byte[] json, EvidencePack pack) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(pdf, new java.io.ByteArrayInputStream(json));
        file.setSubtype("application/json");
        file.setSize(json.length);
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(pack.generatedAt().toEpochMilli());
        file.setCreationDate(created);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(ATTACHMENT);
        spec.setFileUnicode(ATTACHMENT);
        spec.setEmbeddedFile(file);
        spec.setFileDescription("The signed evidence pack (" + EvidencePack.FORMAT + ")");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(ATTACHMENT, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(pdf.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        pdf.getDocumentCatalog().setNames(names);
    }
}
