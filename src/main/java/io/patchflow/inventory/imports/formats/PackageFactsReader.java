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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the packages gathered by Ansible's {@code package_facts} module: {@code ansible_facts.packages}, a map from
 * package name to the installed versions, each {@code {name, version, release, epoch, arch, source}}. Accepted
 * shapes: the module's result ({@code {"ansible_facts":{"packages":...}}}, also what {@code setup} and the JSON
 * fact cache hold), the bare facts ({@code {"packages":...}}) and the ad-hoc command's output
 * ({@code web-1 | SUCCESS => {...}}). apt reports the whole Debian version (epoch included) in {@code version};
 * rpm splits it, and it is put back together as rpm prints it, epoch 0 left out. {@code source} there is the
 * package manager, not a source package, so the source package is unknown and defaults to the package itself.
 */
public final class PackageFactsReader {

    private static final int MAX_PREFIX = 1024;
    private static final Pattern AD_HOC_PREFIX = Pattern.compile("\\s*\\S+\\s*\\|\\s*(SUCCESS|CHANGED)\\s*=>\\s*");

    private PackageFactsReader() {
    }

    public static List<PackageInput> read(InputStream raw, String os, InventoryLimits limits) {
        PackageList packages = new PackageList(os, limits.maxPackagesPerHost());
        boolean found = false;
        try {
            InputStream in = skipAdHocPrefix(new BufferedInputStream(raw));
            try (JsonParser parser = Json.MAPPER.createParser(in)) {
                Json.expectObject(parser, "Ansible package facts: {\"ansible_facts\":{\"packages\":{...}}}");
                String field;
                while ((field = Json.nextField(parser)) != null) {
                    if (field.equals("ansible_facts") && parser.currentToken() == JsonToken.START_OBJECT) {
                        found |= facts(parser, "ansible_facts.", packages);
                    } else if (field.equals("packages")) {
                        packages(parser, "packages", packages);
                        found = true;
                    } else if (field.equals("failed") && parser.currentToken() == JsonToken.VALUE_TRUE) {
                        throw new BadInputException("failed", "the Ansible task failed; it gathered no packages");
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw Json.invalid(e, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!found) {
            throw new BadInputException("ansible_facts.packages", "no ansible_facts.packages in the input: gather "
                    + "them with the package_facts module");
        }
        return packages.packages();
    }

    private static boolean facts(JsonParser parser, String base, PackageList packages) throws IOException {
        boolean found = false;
        String field;
        while ((field = Json.nextField(parser)) != null) {
            if (field.equals("packages")) {
                packages(parser, base + "packages", packages);
                found = true;
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private static void packages(JsonParser parser, String path, PackageList packages) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new BadInputException(path, "packages must be an object: package name -> installed versions");
        }
        String name;
        while ((name = Json.nextField(parser)) != null) {
            JsonNode versions = Json.MAPPER.readTree(parser);
            String at = path + "." + name;
            if (!versions.isArray()) {
                throw new BadInputException(at, "expected a list of installed versions");
            }
            for (int i = 0; i < versions.size(); i++) {
                String entry = at + "[" + i + "]";
                packages.add(pkg(versions.get(i), name, entry), entry, attribute -> entry + "." + attribute);
            }
        }
    }

    private static PackageInput pkg(JsonNode entry, String key, String path) {
        if (!entry.isObject()) {
            throw new BadInputException(path, "an installed version must be an object");
        }
        String name = text(entry, "name");
        String version = text(entry, "version");
        String release = text(entry, "release");
        String epoch = text(entry, "epoch");
        if (version != null && release != null) {
            version = version + "-" + release;
        }
        if (version != null && epoch != null && !epoch.equals("0")) {
            version = epoch + ":" + version;
        }
        return new PackageInput(name == null ? key : name, version, null, null, text(entry, "arch"), null, null);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank() ? null
                : value.asText().strip();
    }

    /** Drops the "host | SUCCESS => " an ad-hoc {@code ansible -m package_facts} run prints before its JSON. */
    private static InputStream skipAdHocPrefix(BufferedInputStream in) throws IOException {
        in.mark(MAX_PREFIX + 1);
        byte[] head = in.readNBytes(MAX_PREFIX);
        int brace = 0;
        while (brace < head.length && head[brace] != '{') {
            brace++;
        }
        in.reset();
        if (brace == head.length) {
            return in;
        }
        String prefix = new String(head, 0, brace, StandardCharsets.UTF_8);
        if (!prefix.isBlank()) {
            if (!AD_HOC_PREFIX.matcher(prefix).matches()) {
                throw new BadInputException("line 1", "expected JSON or the output of ansible -m package_facts "
                        + "('host | SUCCESS => {...}'), found '" + prefix.strip() + "'");
            }
            in.skipNBytes(brace);
        }
        return in;
    }
}
