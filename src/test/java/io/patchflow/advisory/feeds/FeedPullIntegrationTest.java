package io.patchflow.advisory.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.patchflow.advisory.Advisories;
import io.patchflow.advisory.Fixtures;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * Scheduled pulls against a real HTTP server on this machine (the JDK's), serving the shared fixture files: the
 * same import path as uploads, failures recorded and shown, never thrown. Nothing here needs the internet.
 */
class FeedPullIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    FeedPuller puller;
    @Autowired
    FeedImports imports;
    @Autowired
    FeedLoadStore loads;
    @Autowired
    FeedProperties properties;
    @Autowired
    Advisories advisories;
    @Autowired
    MockMvc mvc;

    private HttpServer server;
    private ExecutorService threads;

    @BeforeEach
    void serveFixtures() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        byte[] kev = Files.readAllBytes(Fixtures.path("kev/known_exploited_vulnerabilities.json"));
        server.createContext("/kev/known_exploited_vulnerabilities.json", exchange -> send(exchange, 200, kev));
        server.createContext("/npm/all.zip", exchange -> send(exchange, 200, zip("GHSA-mhpp-875w-9cpv.json",
                "osv/ghsa-npm_greater_than.osv.json")));
        server.createContext("/PyPI/all.zip", exchange -> send(exchange, 200, zip("GHSA-p44j-xrqg-4xrr.json",
                "osv/ghsa-pypi_normalize.osv.json")));
        server.createContext("/broken/all.zip", exchange -> send(exchange, 200,
                "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.ISO_8859_1)));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, kev);
        });
        server.createContext("/", exchange -> send(exchange, 404, "not here".getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        threads.shutdownNow();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] zip(String entry, String fixture) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(Files.readAllBytes(Fixtures.path(fixture)));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A puller like the application's, with other limits. */
    private FeedPuller puller(DataSize maxSize, Duration readTimeout) {
        FeedProperties limited = new FeedProperties(maxSize, 100, Duration.ofSeconds(5), readTimeout,
                properties.osv(), properties.debianTracker(), properties.kev(), properties.epss());
        return new FeedPuller(imports, loads, limited, RestClient.builder());
    }

    @Test
    void pullsTheKevCatalogFromItsUrlThroughTheUploadPath() throws Exception {
        URI url = url("/kev/known_exploited_vulnerabilities.json");

        assertThat(puller.pull(Feed.KEV, List.of(url))).singleElement()
                .satisfies(o -> assertThat(o.succeeded()).as(o.error()).isTrue());

        mvc.perform(get("/api/v1/feeds").with(user("frank").roles("compliance-officers")))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.origin").value(url.toString()))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.loadedBy").value("system"))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.version").value("2025.08.25"));
        assertThat(advisories.riskSignals(List.of("CVE-2025-48384")).inKev()).isTrue();
    }

    @Test
    void pullsEveryOsvUrlOnItsOwnSoOneBrokenZipDoesNotStopTheOthers() {
        List<FeedPuller.PullOutcome> outcomes = puller.pull(Feed.OSV, List.of(url("/npm/all.zip"),
                url("/broken/all.zip"), url("/PyPI/all.zip")));

        assertThat(outcomes).extracting(FeedPuller.PullOutcome::succeeded).containsExactly(true, false, true);
        assertThat(advisories.unknown(List.of("GHSA-mhpp-875w-9cpv", "GHSA-p44j-xrqg-4xrr"))).isEmpty();
    }

    @Test
    void aFailedPullIsRecordedAndShownWhileTheLastGoodLoadStays() throws Exception {
        URI good = url("/kev/known_exploited_vulnerabilities.json");
        URI missing = url("/kev/gone.json");
        puller.pull(Feed.KEV, List.of(good));

        assertThat(puller.pull(Feed.KEV, List.of(missing))).singleElement().satisfies(o -> {
            assertThat(o.succeeded()).isFalse();
            assertThat(o.error()).contains("HTTP 404");
        });

        mvc.perform(get("/api/v1/feeds").with(user("alice").roles("patch-operators")))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastAttempt.succeeded").value(Matchers.hasItem(false)))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastAttempt.origin").value(missing.toString()))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastAttempt.error").value(Matchers.hasItem(
                        Matchers.containsString("HTTP 404"))))
                .andExpect(jsonPath("$[?(@.feed=='kev')].lastLoad.origin").value(good.toString()));
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        long start = System.nanoTime();

        assertThat(puller(DataSize.ofMegabytes(100), Duration.ofSeconds(1)).pull(Feed.KEV, List.of(url("/slow"))))
                .singleElement().satisfies(o -> {
                    assertThat(o.succeeded()).isFalse();
                    assertThat(o.error()).containsIgnoringCase("timed out");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aDownloadLargerThanTheLimitIsRefused() {
        assertThat(puller(DataSize.ofKilobytes(64), Duration.ofSeconds(30)).pull(Feed.KEV,
                List.of(url("/kev/known_exploited_vulnerabilities.json")))).singleElement().satisfies(o -> {
                    assertThat(o.succeeded()).isFalse();
                    assertThat(o.error()).contains("max-size");
                });
    }

    @Test
    void theOfflineDefaultPullsNothing() {
        assertThat(FeedSchedule.schedules(properties)).isEmpty();
        assertThat(puller.pull(Feed.DEBIAN_TRACKER)).isEmpty();
        imports.importDebianTracker(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "test",
                "cleanup");
    }
}
