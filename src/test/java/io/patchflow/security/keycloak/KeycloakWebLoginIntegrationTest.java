package io.patchflow.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web login through Keycloak as a browser sees it: authorization code with PKCE (and Keycloak refusing a
 * request without it), the Camunda web apps' CSRF protection on a logged-in session, and logout ending the
 * Keycloak session, not only Patchflow's.
 */
class KeycloakWebLoginIntegrationTest extends KeycloakIntegrationTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void theWebLoginIsAnAuthorizationCodeFlowWithPkce() {
        BrowserSession browser = new BrowserSession();
        browser.login(url("/camunda/app/tasklist/"), "carol", "carol");
        URI authorization = browser.hops.stream()
                .filter(u -> u.toString().startsWith(keycloak().issuer() + "/protocol/openid-connect/auth"))
                .findFirst().orElseThrow();
        assertThat(authorization.getRawQuery()).contains("response_type=code", "client_id=patchflow",
                "code_challenge=", "code_challenge_method=S256");
        assertThat(browser.hops).anyMatch(u -> u.getPath().equals("/login/oauth2/code/keycloak"));
        assertThat(read(browser.get(url("/camunda/api/admin/auth/user/default"))).path("userId").asText())
                .isEqualTo("carol");
    }

    @Test
    void keycloakRefusesPatchflowsClientAnAuthorizationRequestWithoutPkce() {
        String redirect = URLEncoder.encode(url("/login/oauth2/code/keycloak"), StandardCharsets.UTF_8);
        BrowserSession browser = new BrowserSession();
        HttpResponse<String> answer = browser.get(keycloak().issuer()
                + "/protocol/openid-connect/auth?response_type=code&client_id=patchflow&scope=openid&state=s1"
                + "&redirect_uri=" + redirect);
        assertThat(answer.body()).doesNotContain("kc-form-login");
        assertThat(browser.hops).anyMatch(hop -> hop.getPath().equals("/login/oauth2/code/keycloak")
                && hop.getRawQuery().contains("error=invalid_request")
                && hop.getRawQuery().contains("code_challenge_method"));
    }

    @Test
    void theWebAppsRefuseAStateChangingRequestWithoutTheirCsrfToken() {
        BrowserSession browser = new BrowserSession();
        browser.login(url("/camunda/app/tasklist/"), "bob", "bob");
        String claim = url("/camunda/api/engine/engine/default/task/no-such-task/claim");

        String token = browser.cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
        HttpResponse<String> genuine = browser.send(HttpRequest.newBuilder(URI.create(claim))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"bob\"}")));
        assertThat(genuine.statusCode()).as("with the token the request reaches the engine: " + genuine.body())
                .isNotIn(302, 401, 403).isGreaterThanOrEqualTo(400);

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(claim))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"bob\"}")));
        assertThat(forged.statusCode()).as("without the token: " + forged.body()).isEqualTo(403);
        assertThat(forged.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
        // Camunda ends the web apps' session on a forged request: even with the token, the next one must log in.
        HttpResponse<String> after = browser.send(HttpRequest.newBuilder(URI.create(claim))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"bob\"}")));
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/oauth2/authorization/keycloak");
    }

    @Test
    void aWebLoginReadsTheApisItsPagesCallButChangesNothingWithoutABearerToken() {
        BrowserSession officer = new BrowserSession();
        officer.login(url("/console/"), "frank", "frank");
        HttpResponse<String> report = officer.get(url("/api/v1/reports/compliance"));
        assertThat(report.statusCode()).as("the console's report with the web login: " + report.body())
                .isEqualTo(200);
        HttpResponse<String> write = officer.send(HttpRequest.newBuilder(URI.create(url("/api/v1/changes")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"forged\",\"advisories\":[\"X\"]}")));
        assertThat(write.statusCode()).as("a write with only the session cookie: " + write.body()).isEqualTo(401);

        BrowserSession tester = new BrowserSession();
        tester.login(url("/camunda/app/tasklist/"), "bob", "bob");
        assertThat(tester.get(url("/api/v1/reports/compliance")).statusCode()).as("reports are not for testers")
                .isEqualTo(403);
        assertThat(tester.get(url("/console/")).statusCode()).as("nor is the console").isEqualTo(403);
    }

    @Test
    void loggingOutNeedsTheCsrfTokenAndEndsTheKeycloakSession() {
        String user = "leaver-" + run;
        keycloak().admin("POST", "/users", Map.of("username", user, "enabled", true, "emailVerified", true,
                "firstName", "Lea", "lastName", "Ver", "email", user + "@patchflow.example",
                "credentials", List.of(Map.of("type", "password", "value", user, "temporary", false))));
        String userId = keycloak().admin("GET", "/users?exact=true&username=" + user, null).get(0).path("id").asText();
        BrowserSession browser = new BrowserSession();
        browser.login(url("/camunda/app/tasklist/"), user, user);
        assertThat(keycloak().admin("GET", "/users/" + userId + "/sessions", null)).hasSize(1);

        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(url("/logout")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(noToken.statusCode()).as("logout without the CSRF token").isEqualTo(403);
        assertThat(keycloak().admin("GET", "/users/" + userId + "/sessions", null)).hasSize(1);

        HttpResponse<String> confirm = browser.get(url("/logout"));
        Matcher csrf = CSRF_FIELD.matcher(confirm.body());
        assertThat(csrf.find()).as("logout page with a CSRF field: " + confirm.body()).isTrue();
        HttpResponse<String> loggedOut = browser.send(HttpRequest.newBuilder(URI.create(url("/logout")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BrowserSession.form(Map.of("_csrf", csrf.group(1))))));
        String endSession = loggedOut.headers().firstValue("Location").orElse("");
        assertThat(endSession).startsWith(keycloak().issuer() + "/protocol/openid-connect/logout")
                .contains("id_token_hint=", "post_logout_redirect_uri=");
        HttpResponse<String> after = browser.follow(loggedOut);

        JsonNode sessions = keycloak().admin("GET", "/users/" + userId + "/sessions", null);
        assertThat(sessions).as("Keycloak session ended").isEmpty();
        assertThat(after.body()).as("back at Keycloak's login page").contains("kc-form-login");
        assertThat(browser.get(url("/camunda/api/admin/auth/user/default")).body()).contains("kc-form-login");
    }
}
