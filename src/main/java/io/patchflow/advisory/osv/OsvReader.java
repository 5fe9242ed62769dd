package io.patchflow.advisory.osv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads OSV objects one at a time from a single object, a JSON array of objects, or an OSV zip (as osv.dev
 * publishes {@code <ecosystem>/all.zip}), so even large feeds never sit in memory as a whole. Zip entries that are
 * not {@code .json} files are passed over and counted; entries are checked against {@link ZipLimits} while they are
 * inflated.
 */
@Component
public class OsvReader {

    private static final int SMALL_ENTRY = 1024 * 1024;

    private final ObjectMapper mapper;
    private final ZipLimits limits;

    /** Also usable without Spring (the offline CLI): {@code new OsvReader(new ObjectMapper(), ZipLimits.defaults())}. */
    public OsvReader(ObjectMapper mapper, ZipLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    /**
     * Reads a file (OSV JSON or zip) or a directory: every {@code .json} and {@code .zip} file under it, in name
     * order, so the same tree always reads the same way. Documents are named by their file ("Go/GO-2024-1.json:").
     * Answers the number of zip entries and directory files passed over (not JSON, not zip).
     */
    public int read(Path path, Consumer<OsvDocument> consumer) {
        if (!Files.isDirectory(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, named(path.getFileName().toString(), consumer));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int passedOver = 0;
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json") || name.endsWith(".zip")) {
                try (InputStream in = Files.newInputStream(file)) {
                    passedOver += read(in, named(path.relativize(file).toString().replace('\\', '/'), consumer));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                passedOver++;
            }
        }
        return passedOver;
    }

    /** Prefixes the document paths with the file they came from, so messages name it. */
    private static Consumer<OsvDocument> named(String file, Consumer<OsvDocument> consumer) {
        return document -> consumer.accept(new OsvDocument(document.node(), document.path().isEmpty() ? file + ":"
                : file + ":" + document.path()));
    }

    /** Hands every OSV object to {@code consumer}; answers the number of zip entries passed over. */
    public int read(InputStream content, Consumer<OsvDocument> consumer) {
        try {
            BufferedInputStream in = new BufferedInputStream(content);
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                return readZip(in, consumer);
            }
            readJson(in, "", consumer);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readJson(InputStream in, String base, Consumer<OsvDocument> consumer) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                consumer.accept(new OsvDocument(mapper.readTree(parser), base));
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == null) {
                        throw new BadInputException(emptyToNull(base), "the JSON array is not closed");
                    }
                    consumer.accept(new OsvDocument(mapper.readTree(parser), JsonPaths.at(base, "[" + index++ + "]")));
                }
            } else {
                throw new BadInputException(emptyToNull(base), "expected an OSV object, a JSON array of OSV objects "
                        + "or an OSV zip");
            }
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            throw new BadInputException(emptyToNull(base), "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private int readZip(InputStream raw, Consumer<OsvDocument> consumer) throws IOException {
        CountingInputStream counted = new CountingInputStream(raw);
        ZipInputStream zip = new ZipInputStream(counted);
        int entries = 0;
        int passedOver = 0;
        long total = 0;
        ZipEntry entry;
        try {
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                refuseUnsafePath(name);
                if (++entries > limits.maxEntries()) {
                    throw ZipRefusedException.tooLarge(name, "The zip holds more than " + limits.maxEntries()
                            + " entries (patchflow.advisory.zip.max-entries).");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    passedOver++;
                    continue;
                }
                byte[] json = inflate(zip, counted, name, total);
                total += json.length;
                readJson(new java.io.ByteArrayInputStream(json), name + ":", consumer);
            }
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(null, "The body is not a readable zip archive: " + e.getMessage());
        }
        if (entries == 0) {
            throw new BadInputException(null, "The zip archive is empty or not readable.");
        }
        return passedOver;
    }

    /** Reads one entry, counting what it really inflates to (headers can lie) and how much it was compressed. */
    private byte[] inflate(ZipInputStream zip, CountingInputStream counted, String name, long totalBefore)
            throws IOException {
        long compressedStart = counted.count();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
            size += n;
            if (totalBefore + size > limits.maxTotalSize().toBytes()) {
                throw ZipRefusedException.tooLarge(name, "The zip inflates to more than "
                        + limits.maxTotalSize().toMegabytes() + " MB (patchflow.advisory.zip.max-total-size).");
            }
            if (size > limits.maxEntrySize().toBytes()) {
                throw ZipRefusedException.tooLarge(name, "Entry '" + name + "' inflates to more than "
                        + limits.maxEntrySize().toMegabytes() + " MB (patchflow.advisory.zip.max-entry-size).");
            }
            long compressed = Math.max(1, counted.count() - compressedStart);
            if (size > SMALL_ENTRY && size / compressed > limits.maxCompressionRatio()) {
                throw ZipRefusedException.tooLarge(name, "Entry '" + name + "' is compressed more than "
                        + limits.maxCompressionRatio() + " to 1, which JSON never is: refused as a decompression "
                        + "bomb (patchflow.advisory.zip.max-compression-ratio).");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Entries are never written to disk, but a path that climbs out of the archive marks a hostile upload. */
    private static void refuseUnsafePath(String name) {
        String path = name.replace('\\', '/');
        boolean absolute = path.startsWith("/") || (path.length() > 1 && path.charAt(1) == ':');
        boolean climbs = ("/" + path + "/").contains("/../");
        if (absolute || climbs || path.indexOf('\0') >= 0) {
            throw ZipRefusedException.unsafe(name, "Zip entry '" + name + "' points outside the archive "
                    + "(absolute path or '..'); the archive is refused.");
        }
    }

    private static String emptyToNull(String base) {
        return base.isEmpty() ? null : base.endsWith(":") ? base.substring(0, base.length() - 1) : base;
    }
}
