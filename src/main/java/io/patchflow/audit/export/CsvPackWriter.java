package io.patchflow.audit.export;

import io.patchflow.audit.internal.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The spreadsheet pack: {@code #} comment lines with scope and chain, a header, one row per entry (inputs and outcome
 * as canonical JSON, so hashes can be recomputed from the row), and a last line {@code #signature,ALG,KEY-ID,VALUE}
 * signing every byte before it. Cells a spreadsheet would run as a formula are defused with a leading apostrophe
 * (and a value that starts with one gets a second), which {@link CsvPackReader} removes again.
 */
final class CsvPackWriter {

    static final List<String> HEADER = List.of("seq", "id", "change_id", "recorded_at", "kind", "actor", "summary",
            "reason", "inputs", "outcome", "previous_hash", "hash");
    static final String SIGNATURE_PREFIX = "#signature,";
    static final String CHAIN_PREFIX = "# chain: ";
    static final String SCOPE_PREFIX = "# scope: ";

    private CsvPackWriter() {
    }

    static byte[] write(EvidencePack pack, PackSigner signer) {
        StringBuilder text = new StringBuilder();
        Map<String, Object> document = pack.document();
        text.append("# ").append(EvidencePack.FORMAT).append('\n');
        text.append(SCOPE_PREFIX).append(oneLine(CanonicalJson.writeAny(document.get("scope")))).append('\n');
        text.append("# generated: ").append(pack.generatedAt()).append(" by ").append(oneLine(pack.generatedBy()))
                .append('\n');
        text.append(CHAIN_PREFIX).append(oneLine(CanonicalJson.writeAny(document.get("chain")))).append('\n');
        text.append(String.join(",", HEADER)).append('\n');
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) document.get("entries");
        for (Map<String, Object> e : entries) {
            text.append(row(e)).append('\n');
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        String signature = SIGNATURE_PREFIX + signer.algorithm().label() + "," + signer.keyId() + ","
                + signer.sign(body) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + signature.length());
        out.writeBytes(body);
        out.writeBytes(signature.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String row(Map<String, Object> e) {
        return String.join(",", number(e.get("seq")), number(e.get("id")), cell(e.get("changeId")),
                cell(e.get("at")), cell(e.get("kind")), cell(e.get("actor")), cell(e.get("summary")),
                cell(e.get("reason")), cell(json(e.get("inputs"))), cell(json(e.get("outcome"))),
                cell(e.get("previousHash")), cell(e.get("hash")));
    }

    private static String json(Object facts) {
        return facts == null ? null : CanonicalJson.writeAny(facts);
    }

    private static String number(Object value) {
        return String.valueOf(value);
    }

    /** RFC 4180 quoting; null is an empty cell, an empty string is {@code ""}. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = defused(value.toString());
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r'".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }
}
