package io.patchflow.inventory.imports.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.patchflow.inventory.InventoryUnreadableException;
import io.patchflow.shared.BadInputException;
import java.io.IOException;

/** The JSON reading the formats share: one lenient mapper (unknown properties ignored, as the API always did). */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Json() {
    }

    /** A syntax error as bad input naming where in the text it is. */
    static BadInputException invalid(JsonProcessingException e, String field) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BadInputException bad) {
                return bad;
            }
        }
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
        return new InventoryUnreadableException(field, "not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    /**
     * A mapping error as bad input naming its JSON path; a limit exceeded while a value was read (the mapper wraps
     * it on its way out) is itself again.
     */
    static BadInputException invalid(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BadInputException bad) {
                return bad;
            }
        }
        String path = JsonPaths.of(e);
        return new BadInputException(path, "not a valid inventory" + (path == null ? "" : " at " + path) + ": "
                + e.getOriginalMessage());
    }

    /** Moves the parser onto the root object, refusing anything else. */
    static void expectObject(JsonParser parser, String expected) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new BadInputException(null, "expected " + expected);
        }
    }

    /** Moves to the next field of the current object: its name, or null at the object's end. */
    static String nextField(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw new InventoryUnreadableException(null, "not valid JSON at line "
                    + parser.currentLocation().getLineNr() + ": the object is not closed");
        }
        String name = parser.currentName();
        parser.nextToken();
        return name;
    }
}
