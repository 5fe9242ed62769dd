package io.patchflow.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/security.md's role matrix in the keycloak profile, endpoint by endpoint, for every role of the realm and for
 * anonymous callers: APIs and the engine REST API with Keycloak access tokens, the Camunda web apps after a login on
 * Keycloak's login page. Anonymous callers get 401 (APIs) or Keycloak's login page (web apps), a role that is not
 * allowed 403, an allowed role gets past security (whatever the endpoint then says). Requests by allowed roles
 * write nothing: bad bodies, unknown ids.
 */
class KeycloakRoleMatrixIntegrationTest extends KeycloakIntegrationTest {

    private static final String BAD_HOST = "{\"hosts\":[{\"name\":\"role-matrix\",\"os\":\"Debian 12\"}]}";
    /** A Keycloak user in no Patchflow group: authenticated, and allowed nothing. */
    private static volatile String outsider;

    /** method, path, body, realm users allowed, realm users refused (403). */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                row("POST", "/api/v1/inventory", BAD_HOST, List.of("alice", "admin"), List.of("bob", "carol", "erin",
                        "frank")),
                row("POST", "/api/v1/advisories", "{}", List.of("alice", "admin"), List.of("bob", "erin", "frank")),
                row("POST", "/api/v1/feeds/kev", "{}", List.of("alice"), List.of("carol", "frank")),
                row("POST", "/api/v1/assessments", "", List.of("alice"), List.of("bob", "frank")),
                row("POST", "/api/v1/scans?format=trivy", "{}", List.of("alice"), List.of("dave", "frank")),
                row("POST", "/api/v1/changes", "{}", List.of("alice", "erin", "admin"), List.of("bob", "carol", "dave",
                        "frank")),
                row("POST", "/api/v1/changes/CHG-NO-SUCH/cancel", "{\"reason\":\"role matrix\"}",
                        List.of("erin", "admin"), List.of("alice", "bob", "carol", "frank")),
                row("POST", "/api/v1/proposals/NO-SUCH/dismiss", "{}", List.of("alice", "erin"), List.of("bob",
                        "frank")),
                row("GET", "/api/v1/calendar", null, List.of("alice", "bob", "frank", "erin"), List.of()),
                row("POST", "/api/v1/calendar/windows", "{}", List.of("erin", "admin"), List.of("alice", "carol",
                        "frank")),
                row("DELETE", "/api/v1/calendar/blackouts/999999999", null, List.of("admin"), List.of("bob", "frank")),
                row("GET", "/api/v1/audit/verify", null, List.of("frank", "erin", "admin"), List.of("alice", "bob",
                        "carol")),
                row("GET", "/api/v1/audit?size=1", null, List.of("frank"), List.of("alice", "dave")),
                row("GET", "/api/v1/tasks", null, List.of("alice", "bob", "carol", "erin", "admin"), List.of("frank")),
                row("POST", "/api/v1/tasks/no-such-task/claim", null, List.of("bob", "carol"), List.of("frank")),
                row("POST", "/api/v1/tasks/no-such-task/complete", "{}", List.of("carol"), List.of("frank")),
                row("GET", "/api/v1/changes", null, List.of("alice", "bob", "carol", "dave", "erin", "frank", "admin"),
                        List.of()),
                row("GET", "/api/v1/changes/CHG-NO-SUCH/audit", null, List.of("alice", "frank"), List.of()),
                row("GET", "/api/v1/hosts", null, List.of("frank", "bob"), List.of()),
                row("GET", "/api/v1/findings?size=1", null, List.of("erin", "carol"), List.of()),
                row("GET", "/api/v1/tickets/PF-999999999", null, List.of("frank"), List.of()),
                // The engine REST API: every Patchflow group gets through; Camunda's authorizations decide the rest
                // (KeycloakTaskAuthorizationsIntegrationTest).
                row("GET", "/engine-rest/task", null, List.of("alice", "bob", "carol", "dave", "erin", "frank",
                        "admin"), List.of()),
                row("GET", "/engine-rest/history/task?maxResults=1", null, List.of("frank", "bob"), List.of()),
                row("GET", "/engine-rest/process-definition", null, List.of("frank", "alice"), List.of()),
                // Prometheus scrapes with a bearer token of a service account in patch-operators (docs/operations.md).
                row("GET", "/actuator/prometheus", null, List.of("alice", "admin"), List.of("bob", "carol", "erin",
                        "frank")),
                // Not listed in the rules: denied to everyone, administrators included.
                row("PUT", "/api/v1/changes/CHG-NO-SUCH", "{}", List.of(), List.of("admin", "erin")),
                row("DELETE", "/api/v1/audit", null, List.of(), List.of("admin", "frank")));
    }

    private static Arguments row(String method, String path, String body, List<String> allowed, List<String> refused) {
        return Arguments.of(method, path, body, allowed, refused);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void anonymousCallersGet401RefusedRolesGet403AllowedRolesGetThrough(String method, String path, String body,
            List<String> allowed, List<String> refused) {
        HttpResponse<String> anonymous = call(method, path, null, body);
        assertThat(anonymous.statusCode()).as("anonymous").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        for (String user : refused) {
            HttpResponse<String> response = as(user, method, path, body);
            assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(read(response).path("detail").asText()).contains(path.split("\\?")[0]);
        }
        for (String user : allowed) {
            HttpResponse<String> response = as(user, method, path, body);
            assertThat(response.statusCode()).as(user + ": " + response.body()).isNotIn(401, 403);
        }
        if (!path.startsWith("/api/v1/calendar") || !"GET".equals(method)) {
            // Reading the calendar is open to anyone authenticated; everything else needs a Patchflow group.
            assertThat(call(method, path, token(outsider()), body).statusCode())
                    .as("a Keycloak user in no Patchflow group").isEqualTo(403);
        }
    }

    @Test
    void prometheusMetricsNeedAnOperatorOrAdministratorToken() {
        for (String user : List.of("alice", "admin")) {
            HttpResponse<String> metrics = scrape(token(user));
            assertThat(metrics.statusCode()).as(user + ": " + metrics.body()).isEqualTo(200);
            assertThat(metrics.body()).as(user).contains("patchflow_jobs_backlog").contains("application=\"patchflow\"");
        }
        assertThat(scrape(token("bob")).statusCode()).as("tester").isEqualTo(403);
        assertThat(scrape(null).statusCode()).as("anonymous").isEqualTo(401);
    }

    /** GET /actuator/prometheus as Prometheus asks for it (text exposition format), with a bearer token or none. */
    private HttpResponse<String> scrape(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(url("/actuator/prometheus"))).header("Accept", "text/plain;version=0.0.4");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void healthDetailsAreShownToOperatorAndAdministratorTokensOnly() {
        for (String user : List.of("alice", "admin")) {
            JsonNode health = read(expect(as(user, "GET", "/actuator/health", null), 200));
            assertThat(health.path("components").has("jobExecutor")).as(user + ": " + health).isTrue();
            assertThat(health.path("components").path("db").path("details").path("database").asText())
                    .isEqualTo("PostgreSQL");
        }
        for (String user : List.of("bob", "frank")) {
            JsonNode health = read(expect(as(user, "GET", "/actuator/health", null), 200));
            assertThat(health.has("components")).as(user + ": " + health).isFalse();
        }
        JsonNode anonymous = read(expect(call("GET", "/actuator/health", null, null), 200));
        assertThat(anonymous.has("components")).as(anonymous.toString()).isFalse();
        assertThat(anonymous.path("status").asText()).isEqualTo("UP");
        // A load balancer probes readiness without a token.
        assertThat(read(expect(call("GET", "/actuator/health/readiness", null, null), 200)).path("status").asText())
                .isEqualTo("UP");
    }

    /** Which web apps each role may open, as Camunda tells its own pages after a Keycloak login. */
    static Stream<Arguments> webApps() {
        return Stream.of(
                Arguments.of("alice", List.of("tasklist", "cockpit"), List.of("admin")),
                Arguments.of("bob", List.of("tasklist"), List.of("cockpit", "admin")),
                Arguments.of("carol", List.of("tasklist"), List.of("cockpit", "admin")),
                Arguments.of("dave", List.of("tasklist"), List.of("cockpit", "admin")),
                Arguments.of("erin", List.of("tasklist", "cockpit"), List.of("admin")),
                Arguments.of("frank", List.of("tasklist", "cockpit"), List.of("admin")),
                Arguments.of("admin", List.of("tasklist", "cockpit", "admin"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webApps")
    void eachRoleOpensItsWebAppsAfterLoggingInThroughKeycloak(String user, List<String> apps, List<String> notApps) {
        BrowserSession browser = new BrowserSession();
        HttpResponse<String> tasklist = browser.login(url("/camunda/app/tasklist/"), user, user);
        assertThat(tasklist.statusCode()).isEqualTo(200);
        assertThat(tasklist.uri().toString()).startsWith(url("/camunda/app/tasklist/"));

        JsonNode me = read(browser.get(url("/camunda/api/admin/auth/user/default")));
        assertThat(me.path("userId").asText()).isEqualTo(user);
        List<String> authorized = texts(me.path("authorizedApps"));
        assertThat(authorized).as(user).containsAll(apps);
        notApps.forEach(app -> assertThat(authorized).as(user).doesNotContain(app));
    }

    @Test
    void anonymousVisitorsOfTheWebAppsAreSentToKeycloaksLoginPage() {
        for (String app : List.of("/camunda/app/tasklist/", "/camunda/app/cockpit/", "/camunda/app/admin/",
                "/camunda/api/admin/auth/user/default")) {
            BrowserSession browser = new BrowserSession();
            HttpResponse<String> page = browser.get(url(app));
            assertThat(page.uri().toString()).as(app).startsWith(keycloak().issuer() + "/protocol/openid-connect/auth");
            assertThat(page.body()).as(app).contains("kc-form-login");
        }
    }

    @Test
    void aKeycloakUserInNoPatchflowGroupOpensNoWebApp() {
        BrowserSession browser = new BrowserSession();
        browser.login(url("/camunda/app/tasklist/"), outsider(), outsider());
        JsonNode me = read(browser.get(url("/camunda/api/admin/auth/user/default")));
        assertThat(me.path("userId").asText()).isEqualTo(outsider());
        assertThat(texts(me.path("authorizedApps"))).doesNotContain("tasklist", "cockpit", "admin");
    }

    /** Creates the outsider in the realm once (password = user name). */
    private static synchronized String outsider() {
        if (outsider == null) {
            String name = "outsider-" + Long.toHexString(System.nanoTime());
            keycloak().admin("POST", "/users", Map.of("username", name, "enabled", true, "emailVerified", true,
                    "firstName", "Out", "lastName", "Sider", "email", name + "@patchflow.example",
                    "credentials", List.of(Map.of("type", "password", "value", name, "temporary", false))));
            outsider = name;
        }
        return outsider;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
