package io.patchflow.security.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.testsupport.KeycloakServer;
import io.patchflow.testsupport.PostgresIntegrationTest;
import io.patchflow.testsupport.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the keycloak profile's integration tests: the whole application with {@code --spring.profiles.active=keycloak}
 * against the real Keycloak of {@link KeycloakServer} (realm from {@code docker/keycloak/}) and the machine's
 * PostgreSQL, in a schema of its own (its engine reads people from Keycloak, the other tests' from the database).
 * All subclasses share this one application context; keep configuration out of them. Requests go over real HTTP,
 * with real tokens from Keycloak.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("keycloak")
// Spring Boot tests export no metrics by default; Prometheus scraping with a bearer token is tested here.
@AutoConfigureObservability(tracing = false)
abstract class KeycloakIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static volatile int redirectsAllowedFor;

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    /** Unique per test instance: host names, package names and advisory ids carry it. */
    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        String schema = TestPostgres.newSchema("pf_kc_");
        PostgresIntegrationTest.postgres(registry, () -> schema);
        // Where this context differs from the shared one (a later value for the same name replaces the earlier):
        // a second application context beside the other integration tests' on the shared PostgreSQL gets a small
        // pool; Keycloak's identity is read-only, so no demo users are seeded; the broad ring is one batch.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
        registry.add("patchflow.demo.enabled", () -> "false");
        registry.add("patchflow.rollout.stages.production[2].batch-size", () -> "100%");
        registry.add("patchflow.keycloak.issuer-uri", () -> KeycloakServer.get().issuer());
        registry.add("patchflow.keycloak.client-secret", KeycloakServer::clientSecret);
    }

    @BeforeEach
    void letKeycloakSendBrowsersHere() {
        if (redirectsAllowedFor != port) {
            keycloak().allowRedirectsTo(port);
            redirectsAllowedFor = port;
        }
    }

    static KeycloakServer keycloak() {
        return KeycloakServer.get();
    }

    /** An access token of a realm user (password = user name), cached while it has a minute left to live. */
    static String token(String user) {
        return TOKENS.compute(user, (u, cached) -> cached != null && expiresAfter(cached, 60) ? cached
                : keycloak().token(u, u));
    }

    private static boolean expiresAfter(String jwt, long seconds) {
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return claims.path("exp").asLong() > Instant.now().getEpochSecond() + seconds;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A request to Patchflow with a bearer token (none when {@code token} is null). */
    HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> as(String user, String method, String path, String body) {
        return call(method, path, token(user), body);
    }

    /**
     * A normal change (CVSS 7.5, one test host, two production hosts) requested by the operator alice, with fleet and
     * advisory of its own, waiting for its test sign-off; answers the change id.
     */
    String normalChangeAwaitingTestSignOff(String prefix) {
        String pkg = prefix + run;
        String hosts = Stream.of("t1:test", "p1:prod", "p2:prod").map(h -> h.split(":"))
                .map(h -> """
                        {"name":"%s-%s-%s","os":"Debian:12","environment":"%s","groups":["grp-%s"],
                         "criticality":"high","internetFacing":false,
                         "packages":[{"name":"lib%s-1","version":"1.0-1","source":"%s","arch":"amd64"}]}"""
                        .formatted(prefix, run, h[0], h[1], run, pkg, pkg))
                .collect(Collectors.joining(",", "{\"hosts\":[", "]}"));
        expect(as("alice", "POST", "/api/v1/inventory", hosts), 200);
        String advisory = "PF-KC-" + pkg.toUpperCase(Locale.ROOT);
        expect(as("alice", "POST", "/api/v1/advisories", """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"keycloak test advisory","severity":[{"type":"CVSS_V3",
                 "score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}"""
                .formatted(advisory, pkg)), 200);
        JsonNode created = read(expect(as("alice", "POST", "/api/v1/changes", """
                {"title":"Patch %s","advisories":["%s"],"hosts":["%s-%s-t1","%s-%s-p1","%s-%s-p2"]}"""
                .formatted(pkg, advisory, prefix, run, prefix, run, prefix, run)), 201));
        String id = created.path("id").asText();
        await("the test sign-off of " + id, () -> engineTasks(id, "bob"), tasks -> tasks.size() == 1);
        return id;
    }

    /** The open tasks of a change that the user sees through the engine REST API. */
    List<JsonNode> engineTasks(String changeId, String user) {
        return list(read(expect(as(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + changeId, null),
                200)));
    }

    HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("Expected " + status + " from " + response.request().method() + " "
                    + response.uri() + ", got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting for " + what + "; last seen: "
                + last);
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
