package io.patchflow.inventory.imports.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads the components of a CycloneDX SBOM (JSON, spec 1.2 to 1.6; XML goes to {@link CycloneDxXmlReader}), nested components included: every component
 * with a package URL of a known type is a package ({@link PurlPackages}); components without one (files, the
 * application itself) say nothing an advisory could match and are passed over. The rest of the BOM (metadata,
 * dependencies, vulnerabilities) is skipped while streaming, never held.
 */
public final class CycloneDxReader {

    private CycloneDxReader() {
    }

    /** Reads the SBOM in JSON, or in XML when its first character that is not blank is '<'. */
    public static List<PackageInput> read(InputStream raw, String os, InventoryLimits limits) {
        BufferedInputStream in = new BufferedInputStream(raw);
        if (startsWithAngleBracket(in)) {
            return CycloneDxXmlReader.read(in, os, limits);
        }
        return readJson(in, os, limits);
    }

    private static boolean startsWithAngleBracket(BufferedInputStream in) {
        try {
            in.mark(4096);
            int b;
            int read = 0;
            do {
                b = in.read();
                read++;
            } while (read < 4096 && (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB
                    || b == 0xBF));
            in.reset();
            return b == '<';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<PackageInput> readJson(InputStream in, String os, InventoryLimits limits) {
        PackageList packages = new PackageList(os, limits.maxPackagesPerHost());
        boolean cycloneDx = false;
        try (JsonParser parser = Json.MAPPER.createParser(in)) {
            Json.expectObject(parser, "a CycloneDX SBOM: a JSON object with \"bomFormat\":\"CycloneDX\"");
            String field;
            while ((field = Json.nextField(parser)) != null) {
                if (field.equals("bomFormat")) {
                    if (!"CycloneDX".equals(parser.getValueAsString())) {
                        throw new BadInputException("bomFormat", "bomFormat is '" + parser.getText()
                                + "', not CycloneDX");
                    }
                    cycloneDx = true;
                } else if (field.equals("components")) {
                    components(parser, packages);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw Json.invalid(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!cycloneDx) {
            throw new BadInputException("bomFormat", "not a CycloneDX SBOM: \"bomFormat\":\"CycloneDX\" is missing");
        }
        return packages.packages();
    }

    /** The top-level components one at a time, so only one component tree is in memory at once. */
    private static void components(JsonParser parser, PackageList packages) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new BadInputException("components", "components must be an array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            component(Json.MAPPER.readTree(parser), "components[" + index++ + "]", packages);
        }
    }

    private static void component(JsonNode node, String path, PackageList packages) {
        if (!node.isObject()) {
            throw new BadInputException(path, "a component must be an object");
        }
        JsonNode purlNode = node.get("purl");
        if (purlNode != null && purlNode.isTextual() && !purlNode.asText().isBlank()) {
            String text = purlNode.asText().strip();
            PackageUrl purl;
            try {
                purl = PackageUrl.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(path + ".purl", "'" + text + "' is not a package URL: " + e.getMessage());
            }
            JsonNode version = node.get("version");
            PackageInput pkg = PurlPackages.toPackage(purl, text, version != null && version.isTextual()
                    ? version.asText() : null);
            if (pkg != null) {
                packages.add(pkg, path, attribute -> path + "." + attribute);
            }
        }
        JsonNode children = node.get("components");
        if (children != null) {
            if (!children.isArray()) {
                throw new BadInputException(path + ".components", "components must be an array");
            }
            for (int i = 0; i < children.size(); i++) {
                component(children.get(i), path + ".components[" + i + "]", packages);
            }
        }
    }
}
