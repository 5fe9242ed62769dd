package io.patchflow.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable pack: the pack's document plus a {@code signature} member. Indented for people; a verifier
 * removes {@code signature} and checks it against the canonical form of the rest, so whitespace does not matter.
 */
final class JsonPackWriter {

    private static final ObjectMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private JsonPackWriter() {
    }

    static byte[] write(EvidencePack pack, PackSigner signer) {
        Map<String, Object> document = new LinkedHashMap<>(pack.document());
        document.put("signature", signature(signer, signer.sign(pack.signedBytes())));
        try {
            return (PRETTY.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An evidence pack could not be written as JSON", e);
        }
    }

    static Map<String, Object> signature(PackSigner signer, String value) {
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("algorithm", signer.algorithm().label());
        signature.put("keyId", signer.keyId());
        signature.put("value", value);
        return signature;
    }
}
