package io.patchflow.cli.assess;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.patchflow.inventory.HostAttributes;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON of {@code POST /api/v1/inventory}, {@code {"hosts":[{"name","os","packages":[...]}, ...]}}, read token by
 * token with Jackson's streaming parser: only one host's packages are held at a time (its {@code os} may come after
 * its packages). Offline matching needs a host's name and os and each package's name, version, source, source
 * version and ecosystem; the other fields of the contract (environment, groups, criticality, arch, purl...) are
 * passed over. Errors name the file, line and column, and the JSON path: {@code inv.json:7:9 hosts[0].packages[1]}.
 */
final class JsonInventoryReader implements InventoryReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public void read(Path file, HostAttributes host, InventorySink sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file.toString(), "no such file");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = FACTORY.createParser(in)) {
            new Reading(file, parser, sink).document();
        } catch (JsonProcessingException e) {
            throw new BadInputException(where(file, e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String where(Path file, JsonLocation location) {
        return location == null ? file.toString() : file + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    /** The state of one read: the parser, and the current host's packages. */
    private static final class Reading {

        private final Path file;
        private final JsonParser parser;
        private final InventorySink sink;
        /** The current host's packages, five string numbers each: name, version, source, source version, ecosystem. */
        private int[] packages = new int[5 * 1024];
        private int packageCount;
        private final Map<Integer, Integer> hostIndexes = new HashMap<>();
        /** Where the parser is, for messages only: the path is built when something is wrong, not per package. */
        private int hostIndex = -1;
        private int packageIndex = -1;

        Reading(Path file, JsonParser parser, InventorySink sink) {
            this.file = file;
            this.parser = parser;
            this.sink = sink;
        }

        void document() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad("", "expected an object {\"hosts\": [...]}");
            }
            boolean hosts = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("hosts".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw bad("hosts", "hosts must be an array of hosts");
                    }
                    hosts();
                    hosts = true;
                } else {
                    parser.skipChildren();
                }
            }
            if (!hosts) {
                throw bad("hosts", "hosts is required: a list of hosts, each with its packages");
            }
        }

        private void hosts() throws IOException {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                hostIndex++;
                packageIndex = -1;
                host(path(), hostIndex);
            }
        }

        private void host(String path, int index) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw bad(path, "a host must be an object");
            }
            JsonLocation start = parser.currentTokenLocation();
            int name = StringPool.BLANK;
            int os = StringPool.BLANK;
            boolean sawPackages = false;
            packageCount = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = text(field);
                    case "os" -> os = text(field);
                    case "packages" -> {
                        packages(path + ".packages");
                        sawPackages = true;
                    }
                    default -> parser.skipChildren();
                }
            }
            required(name, path + ".name", start);
            required(os, path + ".os", start);
            if (!sawPackages) {
                throw bad(start, path + ".packages", "packages is required: the host's complete package list");
            }
            Integer earlier = hostIndexes.putIfAbsent(name, index);
            if (earlier != null) {
                throw bad(start, path + ".name", "host '" + sink.string(name) + "' appears twice (also at hosts["
                        + earlier + "])");
            }
            sink.host(name, os);
            for (int p = 0; p < packageCount * 5; p += 5) {
                int pkgName = packages[p];
                int version = packages[p + 1];
                int source = packages[p + 2];
                int sourceVersion = packages[p + 3];
                int ecosystem = packages[p + 4];
                sink.pkg(ecosystem == StringPool.BLANK ? os : ecosystem, pkgName, version,
                        source == StringPool.BLANK ? pkgName : source,
                        sourceVersion == StringPool.BLANK ? version : sourceVersion);
            }
        }

        private void packages(String path) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw bad(path, "packages must be an array of packages");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                packageIndex++;
                pkg();
            }
            packageIndex = -1;
        }

        private void pkg() throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw bad(path(), "a package must be an object");
            }
            JsonLocation start = parser.currentTokenLocation();
            int name = StringPool.BLANK;
            int version = StringPool.BLANK;
            int source = StringPool.BLANK;
            int sourceVersion = StringPool.BLANK;
            int ecosystem = StringPool.BLANK;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = text(field);
                    case "version" -> version = text(field);
                    case "source" -> source = text(field);
                    case "sourceVersion" -> sourceVersion = text(field);
                    case "ecosystem" -> ecosystem = text(field);
                    default -> parser.skipChildren();
                }
            }
            if (name == StringPool.BLANK || version == StringPool.BLANK) {
                String path = path();
                required(name, path + ".name", start);
                required(version, path + ".version", start);
            }
            if (packageCount * 5 == packages.length) {
                packages = Arrays.copyOf(packages, packages.length * 2);
            }
            int at = packageCount++ * 5;
            packages[at] = name;
            packages[at + 1] = version;
            packages[at + 2] = source;
            packages[at + 3] = sourceVersion;
            packages[at + 4] = ecosystem;
        }

        /** A string field's value as the sink numbers it ({@link StringPool#BLANK} when null or blank). */
        private int text(String field) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return sink.intern(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            if (token == JsonToken.VALUE_NULL) {
                return StringPool.BLANK;
            }
            throw bad(path() + "." + field, field + " must be a string");
        }

        /** The JSON path of the host or package being read: hosts[3] or hosts[3].packages[12]. */
        private String path() {
            String host = "hosts[" + hostIndex + "]";
            return packageIndex < 0 ? host : host + ".packages[" + packageIndex + "]";
        }

        private void required(int value, String path, JsonLocation start) {
            if (value == StringPool.BLANK) {
                throw bad(start, path, path.substring(path.lastIndexOf('.') + 1) + " is required");
            }
        }

        private BadInputException bad(String path, String message) {
            return bad(parser.currentTokenLocation(), path, message);
        }

        private BadInputException bad(JsonLocation location, String path, String message) {
            return new BadInputException(where(file, location) + (path.isEmpty() ? "" : " " + path), message);
        }
    }
}
