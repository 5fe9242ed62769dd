package io.patchflow.inventory;

import io.patchflow.shared.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading test inputs through {@link InventoryFormats}: the samples of {@code src/test/resources/inventory/}. */
final class FormatSamples {

    static final HostAttributes WEB_1 = new HostAttributes("web-1", "Debian:12", "production", List.of("web"),
            "high", true);
    static final HostAttributes DB_1 = new HostAttributes("db-1", "Red Hat:9", "production", List.of("db"),
            "critical", false);

    private FormatSamples() {
    }

    static byte[] sample(String name) {
        try (InputStream in = FormatSamples.class.getResourceAsStream("/inventory/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HostInput> parse(InventoryFormat format, byte[] content, HostAttributes host) {
        return InventoryFormats.parse(format, new ByteArrayInputStream(content), host, InventoryLimits.DEFAULTS);
    }

    static List<HostInput> parse(InventoryFormat format, String content, HostAttributes host) {
        return parse(format, content.getBytes(StandardCharsets.UTF_8), host);
    }

    /** The packages of the single host of a single-host format. */
    static List<PackageInput> packages(InventoryFormat format, String content, HostAttributes host) {
        return parse(format, content, host).get(0).packages();
    }

    static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BadInputException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.field()).as(e.getMessage()).isEqualTo(field));
    }
}
