package io.patchflow.cli.client;

import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What a file holds, told by its first bytes rather than its name (a {@code .json} may well be gzipped): a zip
 * archive, gzip (and what it holds), XML, JSON, or other text. Only the first bytes are read.
 */
record FileKind(boolean gzip, Content content) {

    enum Content { ZIP, XML, JSON, TEXT }

    private static final int SNIFF = 512;

    static FileKind of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file.toString(), "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                return new FileKind(true, inside(file));
            }
            return new FileKind(false, content(head));
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
        }
    }

    private static Content inside(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return content(in.readNBytes(SNIFF));
        } catch (ZipException e) {
            throw new BadInputException(file.toString(), "the file starts like gzip but is not: " + e.getMessage());
        }
    }

    /** Zip by its local-file or empty-archive signature; XML and JSON by their first character after a BOM and space. */
    static Content content(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)
                && (head[3] == 4 || head[3] == 6)) {
            return Content.ZIP;
        }
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i == head.length) {
            return Content.TEXT;
        }
        return switch (head[i]) {
            case '<' -> Content.XML;
            case '{', '[' -> Content.JSON;
            default -> Content.TEXT;
        };
    }
}
