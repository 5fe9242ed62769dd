package io.patchflow.inventory.imports.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.InventoryTooLargeException;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code {"hosts":[Host...]}} one host at a time. Other top-level fields are ignored, as they always were,
 * except those that show the body is another format, which get a hint instead of a puzzling "hosts is required".
 */
public final class JsonInventoryReader {

    private JsonInventoryReader() {
    }

    public static void read(InputStream in, InventoryLimits limits, Consumer<HostInput> hosts) {
        boolean sawHosts = false;
        try (JsonParser parser = Json.MAPPER.createParser(in)) {
            Json.expectObject(parser, "a JSON object {\"hosts\":[...]}");
            String field;
            while ((field = Json.nextField(parser)) != null) {
                switch (field) {
                    case "hosts" -> {
                        hosts(parser, limits, hosts);
                        sawHosts = true;
                    }
                    case "bomFormat" -> throw hint("a CycloneDX SBOM", "cyclonedx");
                    case "ansible_facts" -> throw hint("Ansible facts", "package-facts");
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonMappingException e) {
            throw Json.invalid(e);
        } catch (JsonProcessingException e) {
            throw Json.invalid(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!sawHosts) {
            throw new BadInputException("hosts", "hosts is required: a list of hosts, each with its packages");
        }
    }

    private static void hosts(JsonParser parser, InventoryLimits limits, Consumer<HostInput> hosts)
            throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new BadInputException("hosts", "hosts must be a list of hosts");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String path = "hosts[" + index + "]";
            if (index == limits.maxHosts()) {
                throw new InventoryTooLargeException(path, "more than " + limits.maxHosts() + " hosts in one "
                        + "inventory (patchflow.inventory.max-hosts); split it into several uploads");
            }
            HostInput host;
            try {
                host = Json.MAPPER.readValue(parser, HostInput.class);
            } catch (JsonMappingException e) {
                e.prependPath(new JsonMappingException.Reference(null, index));
                e.prependPath(new JsonMappingException.Reference(null, "hosts"));
                throw e;
            }
            List<?> packages = host == null ? null : host.packages();
            if (packages != null && packages.size() > limits.maxPackagesPerHost()) {
                throw new InventoryTooLargeException(path + ".packages", "more than " + limits.maxPackagesPerHost()
                        + " packages for one host (patchflow.inventory.max-packages-per-host)");
            }
            hosts.accept(host);
            index++;
        }
    }

    private static BadInputException hint(String what, String format) {
        return new BadInputException("format", "this looks like " + what + ", not {\"hosts\":[...]}: send it with "
                + "?format=" + format);
    }
}
