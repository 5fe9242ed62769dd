package io.patchflow.audit.export;

import io.patchflow.audit.PackVerification;
import io.patchflow.audit.internal.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;

/**
 * Checks an exported pack offline. The format is recognised from the content: {@code %PDF}, a JSON object, or the
 * CSV's comment lines. First the signature over the bytes (the key must be the signer's: the HMAC secret, or the
 * public key whose id the pack names), then every entry: its hash recomputed from its fields, and its link to the
 * entry before it wherever the two are neighbours in the chain.
 */
public final class PackVerifier {

    private PackVerifier() {
    }

    public static PackVerification verify(byte[] pack, byte[] hmacSecret, String publicKeyPem) {
        Key key;
        try {
            key = new Key(hmacSecret, publicKeyPem == null ? null : PemKeys.publicKey(publicKeyPem));
        } catch (IllegalArgumentException e) {
            return failed("unknown", "the public key cannot be read: " + e.getMessage());
        }
        if (startsWith(pack, "%PDF")) {
            return pdf(pack, key);
        }
        String text = new String(pack, StandardCharsets.UTF_8);
        if (text.stripLeading().startsWith("{")) {
            return json(text, key, "json");
        }
        if (text.startsWith("#")) {
            return csv(pack, text, key);
        }
        return failed("unknown", "not an evidence pack: neither PDF, JSON nor a Patchflow evidence CSV");
    }

    private record Key(byte[] secret, PublicKey publicKey) {
    }

    /** The chain's end as the pack recorded it. */
    private record Head(Long seq, String hash) {

        static Head of(Object chain) {
            if (!(chain instanceof Map<?, ?> map) || !(map.get("headSeq") instanceof Number seq)
                    || !(map.get("headHash") instanceof String hash) || !hash.matches("[0-9a-f]{64}")) {
                return new Head(null, null);
            }
            return new Head(seq.longValue(), hash);
        }
    }

    /** A period's pack (no change id in its scope) holds every entry of the period. */
    private static boolean wholePeriod(Object scope) {
        return scope instanceof Map<?, ?> map && map.get("changeId") == null && map.get("from") != null;
    }

    /** The JSON of one of a CSV pack's comment lines ("# scope: ", "# chain: "), covered by the signature. */
    private static Object csvComment(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> {
            try {
                return CanonicalJson.readAny(l.substring(prefix.length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
    }

    private static PackVerification json(String text, Key key, String format) {
        Map<String, Object> document;
        try {
            Object parsed = CanonicalJson.readAny(text);
            if (!(parsed instanceof Map<?, ?>)) {
                return failed(format, "not an evidence pack: the JSON is not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) parsed);
            document = map;
        } catch (IllegalArgumentException e) {
            return failed(format, "not readable JSON: " + e.getMessage());
        }
        if (!EvidencePack.FORMAT.equals(document.get("format"))) {
            return failed(format, "not a " + EvidencePack.FORMAT + " pack (format: " + document.get("format") + ")");
        }
        List<String> problems = new ArrayList<>();
        Object signature = document.remove("signature");
        String algorithm = null;
        String keyId = null;
        if (!(signature instanceof Map<?, ?> sig)) {
            problems.add("the pack carries no signature");
        } else {
            algorithm = String.valueOf(sig.get("algorithm"));
            keyId = String.valueOf(sig.get("keyId"));
            byte[] signed = CanonicalJson.writeAny(document).getBytes(StandardCharsets.UTF_8);
            checkSignature(algorithm, keyId, signed, String.valueOf(sig.get("value")), key, problems);
        }
        List<PackEntryCheck.Entry> entries = new ArrayList<>();
        Object listed = document.get("entries");
        if (!(listed instanceof List<?> list)) {
            problems.add("the pack has no entries list");
        } else {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map)) {
                    problems.add("an entry is not a JSON object");
                    continue;
                }
                entries.add(PackEntryCheck.Entry.of(map));
            }
        }
        PackEntryCheck.check(entries, problems, wholePeriod(document.get("scope")));
        Head head = Head.of(document.get("chain"));
        return new PackVerification(format, algorithm, keyId, entries.size(), head.seq(), head.hash(), problems);
    }

    private static PackVerification csv(byte[] pack, String text, Key key) {
        List<String> problems = new ArrayList<>();
        int at = text.lastIndexOf("\n" + CsvPackWriter.SIGNATURE_PREFIX);
        if (at < 0) {
            return failed("csv", "the CSV carries no '" + CsvPackWriter.SIGNATURE_PREFIX + "' line");
        }
        String signatureLine = text.substring(at + 1).strip();
        String[] parts = signatureLine.split(",");
        if (parts.length != 4 || !text.substring(at + 1 + signatureLine.length()).isBlank()) {
            return failed("csv", "the signature line must be the last line: #signature,ALGORITHM,KEY-ID,VALUE");
        }
        byte[] signed = text.substring(0, at + 1).getBytes(StandardCharsets.UTF_8);
        checkSignature(parts[1], parts[2], signed, parts[3], key, problems);
        List<PackEntryCheck.Entry> entries = new ArrayList<>();
        try {
            for (List<String> row : CsvPackReader.rows(text.substring(0, at + 1))) {
                entries.add(PackEntryCheck.Entry.of(row));
            }
        } catch (IllegalArgumentException e) {
            problems.add("the CSV cannot be read: " + e.getMessage());
        }
        PackEntryCheck.check(entries, problems, wholePeriod(csvComment(text, CsvPackWriter.SCOPE_PREFIX)));
        Head head = Head.of(csvComment(text, CsvPackWriter.CHAIN_PREFIX));
        return new PackVerification("csv", parts[1], parts[2], entries.size(), head.seq(), head.hash(), problems);
    }

    private static PackVerification pdf(byte[] pack, Key key) {
        byte[] marker = ("\n" + PdfPackWriter.SIGNATURE_PREFIX).getBytes(StandardCharsets.US_ASCII);
        int at = lastIndexOf(pack, marker);
        if (at < 0) {
            return failed("pdf", "the PDF carries no '" + PdfPackWriter.SIGNATURE_PREFIX.strip() + "' line after its end");
        }
        String signatureLine = new String(pack, at + 1, pack.length - at - 1, StandardCharsets.US_ASCII).strip();
        String[] parts = signatureLine.split(" ");
        if (parts.length != 4) {
            return failed("pdf", "the signature line must read: %patchflow-signature ALGORITHM KEY-ID VALUE");
        }
        List<String> problems = new ArrayList<>();
        byte[] signed = Arrays.copyOf(pack, at);
        checkSignature(parts[1], parts[2], signed, parts[3], key, problems);
        String json;
        try (PDDocument pdf = Loader.loadPDF(signed)) {
            json = attachment(pdf);
        } catch (IOException e) {
            problems.add("the PDF cannot be read: " + e.getMessage());
            return new PackVerification("pdf", parts[1], parts[2], 0, null, null, problems);
        }
        if (json == null) {
            problems.add("the PDF has no " + PdfPackWriter.ATTACHMENT + " attachment");
            return new PackVerification("pdf", parts[1], parts[2], 0, null, null, problems);
        }
        PackVerification attached = json(json, key, "pdf");
        attached.problems().forEach(p -> problems.add(PdfPackWriter.ATTACHMENT + ": " + p));
        return new PackVerification("pdf", parts[1], parts[2], attached.entries(), attached.headSeq(),
                attached.headHash(), problems);
    }

    private static String attachment(PDDocument pdf) throws IOException {
        if (pdf.getDocumentCatalog().getNames() == null) {
            return null;
        }
        PDEmbeddedFilesNameTreeNode files = pdf.getDocumentCatalog().getNames().getEmbeddedFiles();
        Map<String, PDComplexFileSpecification> names = files == null ? null : files.getNames();
        PDComplexFileSpecification spec = names == null ? null : names.get(PdfPackWriter.ATTACHMENT);
        if (spec == null || spec.getEmbeddedFile() == null) {
            return null;
        }
        return new String(spec.getEmbeddedFile().toByteArray(), StandardCharsets.UTF_8);
    }

    private static void checkSignature(String algorithmLabel, String keyId, byte[] signed, String value, Key key,
            List<String> problems) {
        SignatureAlgorithm algorithm;
        try {
            algorithm = SignatureAlgorithm.ofLabel(algorithmLabel);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return;
        }
        if (algorithm == SignatureAlgorithm.HMAC_SHA256 && key.secret() == null) {
            problems.add("the pack is signed with HMAC-SHA256 (key " + keyId + "): give the HMAC key to check it");
            return;
        }
        if (algorithm != SignatureAlgorithm.HMAC_SHA256 && key.publicKey() == null) {
            problems.add("the pack is signed with " + algorithm.label() + " (key " + keyId + "): give the signer's "
                    + "public key to check it");
            return;
        }
        if (key.publicKey() != null && algorithm != SignatureAlgorithm.HMAC_SHA256
                && !PemKeys.keyId(key.publicKey()).equals(keyId)) {
            problems.add("the pack names signing key " + keyId + " but the public key given is "
                    + PemKeys.keyId(key.publicKey()));
            return;
        }
        if (!PackSignatures.verifies(algorithm, signed, value, key.secret(), key.publicKey())) {
            problems.add("the signature does not match: the pack was altered after it was signed, or signed with "
                    + "another key");
        }
    }

    private static PackVerification failed(String format, String problem) {
        return new PackVerification(format, null, null, 0, null, null, List.of(problem));
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= p.length && Arrays.equals(Arrays.copyOf(bytes, p.length), p);
    }

    private static int lastIndexOf(byte[] bytes, byte[] marker) {
        for (int i = bytes.length - marker.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        return -1;
    }
}
