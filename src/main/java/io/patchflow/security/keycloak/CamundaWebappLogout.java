package io.patchflow.security.keycloak;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Camunda web apps' own "Log out" menu entry (their API's {@code POST /camunda/api/admin/auth/user/{engine}/logout})
 * ends Camunda's session only: the page then reloads, and Keycloak's session, still open, would log the person in
 * again without asking. Once Camunda's logout has succeeded (its CSRF check included), this ends the Keycloak session
 * too, server to server (Keycloak's logout endpoint with the login's refresh token, as the confidential client it is),
 * and Spring's session, so the reload shows Keycloak's login page. Patchflow's own {@code /logout} does the same
 * through the browser (OIDC RP-initiated logout).
 */
class CamundaWebappLogout extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CamundaWebappLogout.class);
    private static final Pattern CAMUNDA_LOGOUT = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/logout");

    private final OAuth2AuthorizedClientRepository clients;
    private final KeycloakProperties keycloak;
    private final RestClient http;

    CamundaWebappLogout(OAuth2AuthorizedClientRepository clients, KeycloakProperties keycloak, RestClient http) {
        this.clients = clients;
        this.keycloak = keycloak;
        this.http = http;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !CAMUNDA_LOGOUT.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Read before Camunda's logout runs: it may invalidate the session the login is kept in.
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        OAuth2AuthorizedClient client = login == null ? null
                : clients.loadAuthorizedClient(KeycloakSecurityConfig.REGISTRATION, login, request);
        chain.doFilter(request, response);
        if (response.getStatus() >= 300 || login == null) {
            return;
        }
        if (client != null && client.getRefreshToken() != null) {
            endKeycloakSession(login.getName(), client.getRefreshToken().getTokenValue());
            clients.removeAuthorizedClient(KeycloakSecurityConfig.REGISTRATION, login, request, response);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // Camunda's logout invalidated it already.
            }
        }
        SecurityContextHolder.clearContext();
    }

    private void endKeycloakSession(String user, String refreshToken) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("refresh_token", refreshToken);
        try {
            http.post().uri(keycloak.endpoint("logout"))
                    .headers(h -> h.setBasicAuth(keycloak.clientId(), keycloak.clientSecret()))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toBodilessEntity();
            log.info("{} logged out of the Camunda web apps; their Keycloak session is ended", user);
        } catch (RestClientException e) {
            // The person is logged out of Patchflow either way; Keycloak's session then ends at its own expiry.
            log.warn("{} logged out of the Camunda web apps, but Keycloak did not end their session: {}", user,
                    e.getMessage());
        }
    }
}
