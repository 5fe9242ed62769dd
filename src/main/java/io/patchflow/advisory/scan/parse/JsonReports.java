package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Streams through a JSON report: objects field by field and arrays element by element, so a parser turns only
 * one element at a time (one Trivy result, one Grype match) into a tree. Places are named by JSON Pointer
 * (RFC 6901), e.g. {@code /Results/0/Vulnerabilities/3/VulnerabilityID}; syntax errors by line and column.
 */
final class JsonReports {

    interface Body {
        void read(JsonParser parser) throws IOException;
    }

    interface FieldHandler {
        /** Consumes the field's value and answers true, or answers false to have it skipped. */
        boolean field(String name, String pointer) throws IOException;
    }

    interface ElementHandler {
        /** Consumes the element the parser is on. */
        void element(int index, String pointer) throws IOException;
    }

    private final ObjectMapper mapper;

    JsonReports(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void read(InputStream in, String format, Body body) {
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            if (parser.nextToken() == null) {
                throw new BadInputException(null, "The " + format + " report is empty.");
            }
            body.read(parser);
            if (parser.nextToken() != null) {
                throw new BadInputException(location(parser), "The " + format + " report has content after its "
                        + "end.");
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? null : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new BadInputException(where, "The " + format + " report is not valid JSON"
                    + (where == null ? "" : " at " + where) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode tree(JsonParser parser) throws IOException {
        return mapper.readTree(parser);
    }

    static void fields(JsonParser parser, String pointer, FieldHandler handler) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new BadInputException(pointer.isEmpty() ? "/" : pointer, "expected a JSON object here, found "
                    + describe(parser.currentToken()));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (!handler.field(name, pointer(pointer, name))) {
                parser.skipChildren();
            }
        }
    }

    /** Each element of the array the parser is on; a JSON null counts as an empty array (Go writes those). */
    static void elements(JsonParser parser, String pointer, ElementHandler handler) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new BadInputException(pointer, "expected a JSON array here, found "
                    + describe(parser.currentToken()));
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            handler.element(index, pointer(pointer, String.valueOf(index)));
            index++;
        }
    }

    static String pointer(String base, String token) {
        return base + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    /** A scalar field as text (numbers too); null when absent, null or not a scalar. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** The element at {@code index} of an array node as text, or null. */
    static String text(JsonNode array, int index) {
        JsonNode value = array == null ? null : array.get(index);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    static BigDecimal number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isNumber() ? value.decimalValue() : Severities.parse(value.asText());
    }

    /** A field that must be a non-blank string; otherwise a 400 naming its pointer. */
    static String required(JsonNode node, String field, String pointer) {
        String value = Text.clean(text(node, field));
        if (value == null) {
            throw new BadInputException(pointer(pointer, field), "'" + field + "' is missing or empty");
        }
        return value;
    }

    /** An array field; absent or null is an empty array, anything else a 400 naming its pointer. */
    static JsonNode array(JsonNode node, String field, String pointer) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new BadInputException(pointer(pointer, field), "'" + field + "' must be an array");
        }
        return value;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String location(JsonParser parser) {
        var location = parser.currentLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
