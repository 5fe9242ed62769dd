package io.patchflow.security;

import static io.patchflow.security.Roles.ADMINS;
import static io.patchflow.security.Roles.CAB;
import static io.patchflow.security.Roles.CHANGE_MANAGERS;
import static io.patchflow.security.Roles.COMPLIANCE_OFFICERS;
import static io.patchflow.security.Roles.ECAB;
import static io.patchflow.security.Roles.OPERATORS;
import static io.patchflow.security.Roles.TESTERS;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The role matrix of the APIs (docs/security.md), one list for both ways in: HTTP Basic in the embedded default and
 * Keycloak bearer tokens in the {@code keycloak} profile. Anything not listed is denied, so a new endpoint cannot go
 * unguarded by accident.
 */
public final class ApiAuthorizationRules {

    private ApiAuthorizationRules() {
    }

    /** The requests the API chains handle. Explicit path matchers: the engine REST API is a Jersey servlet. */
    public static RequestMatcher apis() {
        return new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/health"),
                path("/actuator/health/**"), path("/actuator/prometheus"));
    }

    public static void apply(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry api) {
        api
                // Fleet and advisory data: operators feed it, everybody with a role reads it.
                .requestMatchers(HttpMethod.POST, "/api/v1/inventory/**", "/api/v1/advisories/**",
                        "/api/v1/feeds/**", "/api/v1/assessments/**", "/api/v1/scans/**")
                .hasAnyRole(OPERATORS, ADMINS)
                // Changes: operators and change managers request them.
                .requestMatchers(HttpMethod.POST, "/api/v1/changes")
                .hasAnyRole(OPERATORS, CHANGE_MANAGERS, ADMINS)
                .requestMatchers(HttpMethod.POST, "/api/v1/changes/*/cancel")
                .hasAnyRole(CHANGE_MANAGERS, ADMINS)
                // Proposed changes: operators and change managers start or dismiss them.
                .requestMatchers(HttpMethod.POST, "/api/v1/proposals/**")
                .hasAnyRole(OPERATORS, CHANGE_MANAGERS, ADMINS)
                // Calendar: change managers own maintenance windows and freezes.
                .requestMatchers(HttpMethod.GET, "/api/v1/calendar/**").authenticated()
                .requestMatchers("/api/v1/calendar/**").hasAnyRole(CHANGE_MANAGERS, ADMINS)
                // Evidence packs, compliance reports and the console (docs/compliance.md): compliance officers and
                // admins, read-only.
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/export/**", "/api/v1/audit/export",
                        "/api/v1/reports/**", "/console/**")
                .hasAnyRole(COMPLIANCE_OFFICERS, ADMINS)
                // Audit: searching and verifying the whole log is for compliance and change managers; a
                // change's own trail (GET /api/v1/changes/{id}/audit) is readable by every role below.
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/**")
                .hasAnyRole(COMPLIANCE_OFFICERS, CHANGE_MANAGERS, ADMINS)
                // Tasks: Camunda's authorizations decide which tasks a person sees and completes.
                .requestMatchers("/api/v1/tasks/**")
                .hasAnyRole(OPERATORS, TESTERS, CAB, ECAB, CHANGE_MANAGERS, ADMINS)
                // Jira's webhook signs its body with a shared secret instead of logging in (docs/jira.md).
                .requestMatchers(HttpMethod.POST, "/api/v1/itsm/jira/webhook").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/itsm/updates/*/retry")
                .hasAnyRole(CHANGE_MANAGERS, ADMINS)
                .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole(Roles.ALL.toArray(String[]::new))
                // Monitoring (docs/operations.md): health is open to a load balancer (details only for the roles of
                // management.endpoint.health.roles, so a login is read here); metrics need operators or admins.
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(OPERATORS, ADMINS)
                // The engine's REST API runs under Camunda's authorizations for the calling user.
                .requestMatchers(path("/engine-rest/**")).hasAnyRole(Roles.ALL.toArray(String[]::new))
                .anyRequest().denyAll();
    }

    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
