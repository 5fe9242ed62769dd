package io.patchflow.advisory.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Pulls a feed from its URLs with Spring's {@link RestClient} and loads each file through {@link FeedImports}, the
 * path uploads take. The file is first downloaded to a temporary file (at most {@code patchflow.feeds.max-size}), so
 * a slow or broken connection never holds a database transaction open. A failure is logged and recorded as a failed
 * load, shown by {@code GET /api/v1/feeds}; it never propagates: the scheduler and the other feeds carry on.
 */
@Component
public class FeedPuller {

    private static final Logger log = LoggerFactory.getLogger(FeedPuller.class);

    /** The outcome of pulling one URL: loaded, or the reason it was not. */
    public record PullOutcome(URI url, boolean succeeded, String error) {
    }

    private final FeedImports imports;
    private final FeedLoadStore loads;
    private final FeedProperties properties;
    private final RestClient client;

    FeedPuller(FeedImports imports, FeedLoadStore loads, FeedProperties properties, RestClient.Builder builder) {
        this.imports = imports;
        this.loads = loads;
        this.properties = properties;
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        this.client = builder.clone().requestFactory(requests).build();
    }

    /** Pulls the feed from its configured URLs. */
    public List<PullOutcome> pull(Feed feed) {
        return pull(feed, properties.source(feed).url());
    }

    /** Pulls each URL and loads it on its own: one ecosystem's broken zip does not stop the others. */
    public List<PullOutcome> pull(Feed feed, List<URI> urls) {
        List<PullOutcome> outcomes = new ArrayList<>();
        for (URI url : urls) {
            OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
            try {
                pullOne(feed, url);
                outcomes.add(new PullOutcome(url, true, null));
                log.info("Feed {} pulled from {}", feed.key(), url);
            } catch (RuntimeException e) {
                String error = describe(e);
                log.warn("Feed {} could not be pulled from {}: {}", feed.key(), url, error);
                loads.failed(feed, FeedImports.SYSTEM, url.toString(), started, error);
                outcomes.add(new PullOutcome(url, false, error));
            }
        }
        return outcomes;
    }

    private void pullOne(Feed feed, URI url) {
        Path file = download(url);
        try (InputStream in = Files.newInputStream(file)) {
            switch (feed) {
                case OSV -> imports.importOsv(in, FeedImports.SYSTEM, url.toString());
                case DEBIAN_TRACKER -> imports.importDebianTracker(in, FeedImports.SYSTEM, url.toString());
                case KEV -> imports.importKev(in, FeedImports.SYSTEM, url.toString());
                case EPSS -> imports.importEpss(in, FeedImports.SYSTEM, url.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    private Path download(URI url) {
        try {
            Path file = Files.createTempFile("patchflow-feed-", ".download");
            long start = System.nanoTime();
            try {
                client.get().uri(url).exchange((request, response) -> {
                    if (!response.getStatusCode().is2xxSuccessful()) {
                        throw new IllegalStateException("HTTP " + response.getStatusCode().value() + " from " + url);
                    }
                    try (InputStream body = response.getBody(); OutputStream out = Files.newOutputStream(file)) {
                        copyAtMost(body, out, properties.maxSize());
                    }
                    return null;
                });
                return file;
            } catch (ResourceAccessException e) {
                delete(file);
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (waited.compareTo(properties.readTimeout()) >= 0) {
                    throw new IllegalStateException("timed out: no answer from " + url + " within "
                            + properties.readTimeout().toSeconds() + " s (patchflow.feeds.read-timeout)", e);
                }
                throw e;
            } catch (RuntimeException e) {
                delete(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyAtMost(InputStream in, OutputStream out, DataSize max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max.toBytes()) {
                throw new FeedTooLargeException("The download is larger than " + FeedInput.readable(max)
                        + " (patchflow.feeds.max-size).");
            }
            out.write(buffer, 0, n);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 2000; t = t.getCause()) {
            String message = t instanceof ErrorResponseException problem
                    && problem.getBody().getDetail() != null ? problem.getBody().getDetail() : t.getMessage();
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(message == null ? t.getClass().getSimpleName() : message);
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Temporary feed file {} could not be deleted: {}", file, e.getMessage());
        }
    }
}
