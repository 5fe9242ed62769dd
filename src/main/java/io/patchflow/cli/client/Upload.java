package io.patchflow.cli.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A file as a request body, streamed from disk as it is sent (a feed or a fleet's inventory may be gigabytes; it
 * never sits in memory), with its content type. {@link #asIs} sends the bytes of the file (with their length);
 * {@link #gunzipped} inflates a gzip file while sending it, for endpoints that read only plain text.
 */
record Upload(Path file, BodyPublisher body, String contentType) {

    static Upload asIs(Path file, String contentType) {
        try {
            return new Upload(file, BodyPublishers.ofFile(file), contentType);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Upload gunzipped(Path file, String contentType) {
        return new Upload(file, BodyPublishers.ofInputStream(() -> {
            try {
                return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), contentType);
    }
}
