package io.patchflow.cli.assess;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.patchflow.advisory.AdvisoryMatch;
import io.patchflow.advisory.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams findings as a JSON array in exactly the shape of {@link Finding} (the API's {@code GET /api/v1/findings}):
 * the same fields in the same order, every one present even when null. A finding is its host's part
 * ({@code {"host":"web-1"}) followed by the part every host with that package and advisory shares (ecosystem through
 * lastSeen), each encoded once (strings escaped by Jackson's encoder) and then copied: half a million findings cost
 * byte copies, not half a million serialisations. {@code priority}, {@code slaDue}, {@code firstSeen} and
 * {@code lastSeen} come from the server's policy and stored history, so offline they are null.
 */
final class FindingJsonWriter implements AutoCloseable {

    private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private long written;
    private long withoutFix;

    FindingJsonWriter(OutputStream out) throws IOException {
        this.out = out;
        out.write('[');
        out.write('\n');
    }

    /** {@code {"host":"<host>"}, without the closing brace. */
    static byte[] hostPart(String host) {
        ByteArrayOutputStream part = new ByteArrayOutputStream(64);
        field(part, "{\"host\":", host);
        return part.toByteArray();
    }

    /** Everything after the host: {@code ,"ecosystem":...,"lastSeen":null}}. */
    static byte[] findingPart(FleetTable.Tuple tuple, AdvisoryMatch match) {
        boolean fixed = match.fixedVersion() != null;
        ByteArrayOutputStream part = new ByteArrayOutputStream(256);
        field(part, ",\"ecosystem\":", tuple.ecosystem());
        field(part, ",\"package\":", tuple.name());
        field(part, ",\"installedVersion\":", tuple.version());
        field(part, ",\"advisory\":", match.advisoryId());
        raw(part, ",\"aliases\":[");
        for (int i = 0; i < match.aliases().size(); i++) {
            field(part, i == 0 ? "" : ",", match.aliases().get(i));
        }
        raw(part, "]");
        field(part, ",\"fixedVersion\":", match.fixedVersion());
        field(part, ",\"status\":", fixed ? Finding.FIX_AVAILABLE : Finding.NO_FIX);
        field(part, ",\"reason\":", fixed ? null : match.noFixReason());
        raw(part, ",\"priority\":null,\"slaDue\":null,\"firstSeen\":null,\"lastSeen\":null}");
        return part.toByteArray();
    }

    void write(byte[] hostPart, byte[] findingPart, boolean fixed) throws IOException {
        if (written > 0) {
            out.write(SEPARATOR);
        }
        out.write(hostPart);
        out.write(findingPart);
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
        out.write(written > 0 ? "\n]\n".getBytes(StandardCharsets.UTF_8) : "]\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void field(ByteArrayOutputStream part, String prefix, String value) {
        raw(part, prefix);
        if (value == null) {
            raw(part, "null");
            return;
        }
        part.write('"');
        part.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
        part.write('"');
    }

    private static void raw(ByteArrayOutputStream part, String text) {
        part.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
