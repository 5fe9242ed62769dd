package io.patchflow.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak server for the keycloak tests: the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central
 * (unpacked by the build into {@code target/keycloak-server}), started once per test JVM in dev mode on free ports
 * with the realm of {@code docker/keycloak/}, and stopped when the JVM ends. Starting it costs 30-100 s on two cores,
 * so every test shares it. Keycloak needs Java 21+: {@code KEYCLOAK_JAVA_HOME}, else the newest JDK 21+ under
 * {@code /usr/lib/jvm}; without one the tests fail and say so (they never skip).
 */
public final class KeycloakServer {

    public static final String REALM = "patchflow";
    private static final Path REALM_EXPORT = Paths.get("docker/keycloak/patchflow-realm.json");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KeycloakServer running;

    private final int port;
    private final String adminPassword;
    private final Process process;
    private final Path log;

    private KeycloakServer(int port, String adminPassword, Process process, Path log) {
        this.port = port;
        this.adminPassword = adminPassword;
        this.process = process;
        this.log = log;
    }

    /** The shared server, started on first use. */
    public static synchronized KeycloakServer get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** The realm export's secret of the {@code patchflow} client (compose demo only; tests read it from there). */
    public static String clientSecret() {
        try {
            for (JsonNode client : JSON.readTree(REALM_EXPORT.toFile()).path("clients")) {
                if ("patchflow".equals(client.path("clientId").asText())) {
                    return client.path("secret").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No patchflow client in " + REALM_EXPORT);
    }

    /** An access token of a realm user, through the public {@code patchflow-cli} client (password grant). */
    public String token(String user, String password) {
        JsonNode answer = form(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "patchflow-cli", "username", user, "password", password, "scope", "openid"));
        return answer.path("access_token").asText();
    }

    /** All tokens of a password grant (access, ID, refresh). */
    public JsonNode tokens(String user, String password) {
        return form(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "patchflow-cli", "username", user, "password", password, "scope", "openid"));
    }

    /** Calls Keycloak's admin REST API as the bootstrap administrator; answers the body (empty for none). */
    public JsonNode admin(String method, String path, Object body) {
        String token = form(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type",
                "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword))
                .path("access_token").asText();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Keycloak admin " + method + " " + path + ": " + response.statusCode()
                        + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lets the {@code patchflow} client send browsers back to an application on this port. */
    public void allowRedirectsTo(int appPort) {
        JsonNode client = admin("GET", "/clients?clientId=patchflow", null).get(0);
        Map<String, Object> update = JSON.convertValue(client, Map.class);
        update.put("redirectUris", List.of("http://localhost:" + appPort + "/*"));
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) update.get("attributes");
        attributes.put("post.logout.redirect.uris", "http://localhost:" + appPort + "/*");
        admin("PUT", "/clients/" + client.path("id").asText(), update);
    }

    private static JsonNode form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak " + url + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeycloakServer start() {
        Path home = home();
        Path java = javaHome();
        try {
            // A fresh dev database and the realm export each time: tests start from the realm as it is in git.
            deleteTree(home.resolve("data"));
            Files.createDirectories(home.resolve("data/import"));
            Files.copy(REALM_EXPORT, home.resolve("data/import/patchflow-realm.json"));
            int port = freePort();
            int managementPort = freePort();
            String adminPassword = UUID.randomUUID().toString();
            Path log = Files.createTempFile("keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--hostname=http://localhost:" + port, "--import-realm", "--cache=local")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(port, adminPassword, process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-keycloak"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting (exit " + process.exitValue()
                        + "); its log: " + log + "\n" + tail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        stop();
        throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT + "; its log: " + log
                + "\n" + tail());
    }

    private String tail() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void stop() {
        // kc.sh runs Keycloak's JVM as its child: stop the whole tree.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The unpacked distribution; the build puts it there (pom.xml, maven-dependency-plugin). */
    static Path home() {
        String configured = System.getProperty("patchflow.keycloak.home");
        if (configured == null || !Files.isExecutable(Paths.get(configured, "bin/kc.sh"))) {
            throw new IllegalStateException("The Keycloak tests need the Keycloak server distribution, unpacked by "
                    + "the build (mvn generate-test-resources) into target/keycloak-server; not found at "
                    + configured + ". Run the tests through Maven (./mvnw test -Dtest=...).");
        }
        return Paths.get(configured);
    }

    /** KEYCLOAK_JAVA_HOME, else the newest JDK 21+ under /usr/lib/jvm (the build itself runs on Java 17). */
    static Path javaHome() {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Paths.get(configured);
            if (javaVersion(home).orElse(0) < 21) {
                throw new IllegalStateException("KEYCLOAK_JAVA_HOME=" + configured + " is not a JDK 21 or newer, "
                        + "which Keycloak needs.");
            }
            return home;
        }
        Path current = Paths.get(System.getProperty("java.home"));
        List<Path> candidates = Stream.concat(Stream.of(current), list(Paths.get("/usr/lib/jvm")).stream()).toList();
        return candidates.stream()
                .filter(home -> javaVersion(home).orElse(0) >= 21)
                .max(Comparator.comparingInt(home -> javaVersion(home).orElse(0)))
                .orElseThrow(() -> new IllegalStateException("The Keycloak tests need Java 21 or newer to run "
                        + "Keycloak, and none was found (looked at " + candidates + "). Install one (e.g. Debian's "
                        + "openjdk-21-jdk-headless or Temurin 21+) or set KEYCLOAK_JAVA_HOME."));
    }

    private static Optional<Integer> javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isReadable(release)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(v -> v.startsWith("1.") ? v.substring(2) : v)
                    .map(v -> Integer.parseInt(v.split("[.+-]")[0]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.toAbsolutePath()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
