package io.patchflow.cli.assess;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.patchflow.advisory.AdvisoryMatch;
import io.patchflow.advisory.Finding;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams findings as a JSON array in exactly the shape of {@link Finding} (the API's {@code GET /api/v1/findings}):
 * the same fields in the same order, every one present even when null. Written field by field so a million findings
 * need no million objects. {@code priority}, {@code slaDue}, {@code firstSeen} and {@code lastSeen} come from the
 * server's policy and stored history, so offline they are null.
 */
final class FindingJsonWriter implements AutoCloseable {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;
    private long written;
    private long withoutFix;

    FindingJsonWriter(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartArray();
    }

    void write(String host, FleetTable.Tuple tuple, AdvisoryMatch match) throws IOException {
        boolean fixed = match.fixedVersion() != null;
        json.writeStartObject();
        json.writeStringField("host", host);
        json.writeStringField("ecosystem", tuple.ecosystem());
        json.writeStringField("package", tuple.name());
        json.writeStringField("installedVersion", tuple.version());
        json.writeStringField("advisory", match.advisoryId());
        json.writeArrayFieldStart("aliases");
        for (String alias : match.aliases()) {
            json.writeString(alias);
        }
        json.writeEndArray();
        json.writeStringField("fixedVersion", match.fixedVersion());
        json.writeStringField("status", fixed ? Finding.FIX_AVAILABLE : Finding.NO_FIX);
        json.writeStringField("reason", fixed ? null : match.noFixReason());
        json.writeNullField("priority");
        json.writeNullField("slaDue");
        json.writeNullField("firstSeen");
        json.writeNullField("lastSeen");
        json.writeEndObject();
        json.writeRaw('\n');
        written++;
        if (!fixed) {
            withoutFix++;
        }
    }

    long written() {
        return written;
    }

    long withoutFix() {
        return withoutFix;
    }

    @Override
    public void close() throws IOException {
        json.writeEndArray();
        json.writeRaw('\n');
        json.close();
    }
}
