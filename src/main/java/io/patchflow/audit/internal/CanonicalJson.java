package io.patchflow.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;

/**
 * The one JSON form of an entry's inputs and outcome: map keys sorted, dates as ISO-8601 strings, no whitespace,
 * decimals kept as written. The hash covers this form, so it must not depend on the application's ObjectMapper
 * settings or on the order in which a caller filled its map. Evidence packs are signed over this form too.
 */
public final class CanonicalJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    // Decimals are read as BigDecimal, so a value read back from the database is written out again exactly as it
    // was stored; a double would turn "1.10" into "1.1" and break the hash of an untouched entry.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CanonicalJson() {
    }

    /** The canonical text of a map of facts; {@link #normalise} of the result gives the result back unchanged. */
    public static String write(Map<String, Object> values) {
        // Written, read back into plain maps and lists, and written again: nested beans, JsonNodes and
        // insertion-ordered maps all end up as sorted plain JSON, the same form verification produces.
        return normalise(writeAny(values));
    }

    /** Parses stored JSON text and writes it in canonical form. */
    public static String normalise(String json) {
        return writeAny(read(json));
    }

    public static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audit JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Any JSON document (an evidence pack), with decimals read as written, as {@link #read} does. */
    public static Object readAny(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String writeAny(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An audit value cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
