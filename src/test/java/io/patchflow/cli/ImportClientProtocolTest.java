package io.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code import} commands put on the wire, checked on a plain HTTP server of the JDK that records each
 * request and answers as told: what Patchflow itself cannot show yet (it accepts no bearer tokens in the embedded
 * default, and never fails with a 5xx on purpose). The end-to-end behaviour against the real application is
 * {@code ImportCliIntegrationTest}.
 */
class ImportClientProtocolTest {

    private record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String answer = "{\"ok\":true}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PatchflowCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path gzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void aTokenFromTheEnvironmentIsSentAsBearerAndAnExplicitUserBeatsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "{}");
        Path password = Files.writeString(dir.resolve("pw"), "secret\n");

        Run withToken = run(Map.of("PATCHFLOW_URL", url(), "PATCHFLOW_TOKEN", "tok-123"), "import", "advisories",
                file.toString());
        Run withUser = run(Map.of("PATCHFLOW_URL", url(), "PATCHFLOW_TOKEN", "tok-123"), "import", "advisories",
                file.toString(), "--user", "alice", "--password-file", password.toString());

        assertThat(withToken.exit()).as(withToken.err()).isZero();
        assertThat(withToken.out()).isEqualTo("{\"ok\":true}\n");
        assertThat(received.get(0).header("Authorization")).isEqualTo("Bearer tok-123");
        assertThat(withUser.exit()).as(withUser.err()).isZero();
        assertThat(received.get(1).header("Authorization")).isEqualTo("Basic YWxpY2U6c2VjcmV0"); // alice:secret
    }

    @Test
    void aTokenFileBeatsTheUserFromTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "{}");
        Path token = Files.writeString(dir.resolve("token"), "tok-from-file\n");

        Run run = run(Map.of("PATCHFLOW_URL", url(), "PATCHFLOW_USER", "alice", "PATCHFLOW_PASSWORD", "alice"),
                "import", "advisories", file.toString(), "--token-file", token.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(received.get(0).header("Authorization")).isEqualTo("Bearer tok-from-file");
    }

    @Test
    void zipAndGzipAreToldByTheirBytesAndSentAsTheyAre() throws IOException {
        Path zip = dir.resolve("advisories.json"); // the name lies; the bytes do not
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("a.json"));
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path kev = gzip("kev.json.gz", "{\"vulnerabilities\":[]}");
        Path epss = Files.writeString(dir.resolve("epss.csv"), "cve,epss,percentile\n");
        Map<String, String> env = Map.of("PATCHFLOW_URL", url() + "/patchflow/");

        assertThat(run(env, "import", "advisories", zip.toString()).exit()).isZero();
        assertThat(run(env, "import", "feed", "kev", kev.toString()).exit()).isZero();
        assertThat(run(env, "import", "feed", "epss", epss.toString()).exit()).isZero();

        assertThat(received).extracting(r -> r.method() + " " + r.path() + " " + r.header("Content-Type"))
                .containsExactly("POST /patchflow/api/v1/advisories application/zip",
                        "POST /patchflow/api/v1/feeds/kev application/gzip",
                        "POST /patchflow/api/v1/feeds/epss text/csv");
        assertThat(received.get(0).body()).isEqualTo(Files.readAllBytes(zip));
        assertThat(received.get(0).header("Content-Length")).isEqualTo(String.valueOf(Files.size(zip)));
        assertThat(received.get(1).body()).isEqualTo(Files.readAllBytes(kev));
        assertThat(received.get(0).header("Authorization")).isNull();
    }

    @Test
    void aGzippedReportOrInventoryIsInflatedOnTheWay() throws IOException {
        String report = "<?xml version=\"1.0\"?><report/>";
        Path scan = gzip("report.xml.gz", report);
        Path dpkg = gzip("web-1.dpkg.gz", "bash\t5.2.15-2+b2\n");
        Map<String, String> env = Map.of("PATCHFLOW_URL", url());

        Run scanRun = run(env, "import", "scan", "--format", "openvas", scan.toString(), "--host", "web 1");
        Run inventoryRun = run(env, "import", "inventory", dpkg.toString(), "--format", "dpkg", "--host", "web-1",
                "--os", "Red Hat:9", "--environment", "production", "--criticality", "high");

        assertThat(scanRun.exit()).as(scanRun.err()).isZero();
        assertThat(inventoryRun.exit()).as(inventoryRun.err()).isZero();
        assertThat(received.get(0).path()).isEqualTo("/api/v1/scans?format=openvas&host=web%201");
        assertThat(received.get(0).header("Content-Type")).isEqualTo("application/xml");
        assertThat(new String(received.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(report);
        assertThat(received.get(1).path()).isEqualTo("/api/v1/inventory?format=dpkg&host=web-1&os=Red%20Hat%3A9"
                + "&environment=production&criticality=high");
        assertThat(new String(received.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("bash\t5.2.15-2+b2\n");
    }

    @Test
    void aServerErrorExitsWithOneAndShowsTheProblemDetail() throws IOException {
        status = 500;
        contentType = "application/problem+json";
        answer = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                + "\"detail\":\"the database is gone\"}";
        Path file = Files.writeString(dir.resolve("a.json"), "{}");

        Run failed = run(Map.of("PATCHFLOW_URL", url()), "import", "advisories", file.toString());

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.err().strip()).isEqualTo("patchflow import advisories: 500 Internal Server Error: the "
                + "database is gone [POST " + url() + "/api/v1/advisories]");
    }

    @Test
    void anAnswerThatIsNotAProblemIsShownAsText() throws IOException {
        status = 502;
        contentType = "text/html";
        answer = "<html>bad gateway</html>";
        Path file = Files.writeString(dir.resolve("a.json"), "{}");

        Run failed = run(Map.of("PATCHFLOW_URL", url()), "import", "feed", "debian-tracker", file.toString());

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).startsWith("patchflow import feed: 502 Bad Gateway: <html>bad gateway</html>");
    }

    @Test
    void aFolderStopsAtTheFirstRefusedFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(folder.resolve("a.json"), "{}");
        Files.writeString(folder.resolve("b.json"), "{}");
        status = 400;
        contentType = "application/problem+json";
        answer = "{\"title\":\"Invalid input\",\"status\":400,\"detail\":\"id is required\",\"field\":\"id\"}";

        Run refused = run(Map.of("PATCHFLOW_URL", url()), "import", "advisories", folder.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(received).hasSize(1);
        assertThat(refused.err()).startsWith("patchflow import advisories: " + folder.resolve("a.json")
                + ": 400 Invalid input: id is required (field: id)")
                .contains("stopped; 0 earlier file(s) of " + folder + " were imported, 1 not tried");
    }

    @Test
    void badUsageIsRefusedBeforeAnythingIsSent() {
        Map<String, String> env = Map.of("PATCHFLOW_URL", url());

        Run noFeed = run(env, "import", "feed", "nvd", "x.json");
        Run noScanFormat = run(env, "import", "scan", "x.json");
        Run badUrl = run(Map.of("PATCHFLOW_URL", "localhost:8080"), "import", "advisories", "x.json");
        Run both = run(env, "import", "advisories", "x.json", "--user", "a", "--token-file", "t.txt");
        Run tokenArgument = run(env, "import", "advisories", "x.json", "--token", "secret-token");
        Run unknown = run(env, "import", "findings", "x.json");
        Run nothing = run(env, "import");
        Run help = run(env, "import", "scan", "--help");

        assertThat(noFeed.err()).startsWith("patchflow import feed: unknown feed 'nvd': use one of kev, epss, "
                + "debian-tracker");
        assertThat(noScanFormat.err()).startsWith("patchflow import scan: --format is required");
        assertThat(badUrl.err()).startsWith("patchflow import advisories: the server address 'localhost:8080' is "
                + "not an http:// or https:// URL");
        assertThat(both.err()).startsWith("patchflow import advisories: give either --user (with a password) or "
                + "--token-file, not both");
        assertThat(tokenArgument.err()).contains("a token is never given on the command line")
                .doesNotContain("secret-token");
        assertThat(unknown.err()).startsWith("patchflow import: unknown import 'findings'");
        assertThat(nothing.err()).startsWith("patchflow import: name what to import").contains("Usage:");
        assertThat(List.of(noFeed, noScanFormat, badUrl, both, tokenArgument, unknown, nothing)).extracting(Run::exit)
                .containsOnly(2);
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("import scan --format F FILE [--host H]", "--password-file FILE");
        assertThat(received).isEmpty();
    }
}
