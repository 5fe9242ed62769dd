package io.patchflow.security;

import static io.patchflow.security.Roles.ADMINS;
import static io.patchflow.security.Roles.CAB;
import static io.patchflow.security.Roles.CHANGE_MANAGERS;
import static io.patchflow.security.Roles.COMPLIANCE_OFFICERS;
import static io.patchflow.security.Roles.ECAB;
import static io.patchflow.security.Roles.OPERATORS;
import static io.patchflow.security.Roles.TESTERS;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two filter chains: the APIs ({@code /api/**}, {@code /engine-rest/**}) are stateless and authenticate every
 * request; everything else (the Camunda web apps, which run their own login, health, API docs) is open or
 * protected by the web apps themselves. Every API endpoint is listed here with the roles that may call it;
 * anything not listed is denied, so a new endpoint cannot go unguarded by accident.
 */
@Configuration
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, IdentityService identity, ObjectMapper json) throws Exception {
        // Not a bean: a Filter bean would also be registered with the servlet container and run before security.
        CamundaAuthenticationFilter camundaAuthentication = new CamundaAuthenticationFilter(identity);
        // Explicit path matchers: the engine REST API is a Jersey servlet, which Spring MVC's matchers do not see.
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("Patchflow")
                        .authenticationEntryPoint(ProblemResponses.unauthenticated(json)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthenticated(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .addFilterAfter(camundaAuthentication, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(api -> api
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
                        // Audit: searching and verifying the whole log is for compliance and change managers; a
                        // change's own trail (GET /api/v1/changes/{id}/audit) is readable by every role below.
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/**")
                        .hasAnyRole(COMPLIANCE_OFFICERS, CHANGE_MANAGERS, ADMINS)
                        // Tasks: Camunda's authorizations decide which tasks a person sees and completes.
                        .requestMatchers("/api/v1/tasks/**")
                        .hasAnyRole(OPERATORS, TESTERS, CAB, ECAB, CHANGE_MANAGERS, ADMINS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole(Roles.ALL.toArray(String[]::new))
                        // The engine's REST API runs under Camunda's authorizations for the calling user.
                        .requestMatchers(path("/engine-rest/**")).hasAnyRole(Roles.ALL.toArray(String[]::new))
                        .anyRequest().denyAll());
        return http.build();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http) throws Exception {
        // The Camunda web apps authenticate against the engine's identity service and carry their own CSRF
        // protection; Spring Security only keeps its hands off them.
        http.csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(web -> web.anyRequest().permitAll());
        return http.build();
    }
}
