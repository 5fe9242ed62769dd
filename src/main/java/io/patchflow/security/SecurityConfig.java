package io.patchflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The embedded identity (every profile but {@code keycloak}, which has its own configuration in
 * {@code security.keycloak}). Two filter chains: the APIs ({@code /api/**}, {@code /engine-rest/**}) are stateless
 * and authenticate every request with HTTP Basic against Camunda's users, throttled after repeated failures
 * ({@link LoginThrottle}); everything else (the Camunda web apps, which run their own login, health, API docs) is
 * open or protected by the web apps themselves. The role of each API endpoint is in {@link ApiAuthorizationRules}.
 */
@Configuration
@Profile("!keycloak")
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, IdentityService identity, ObjectMapper json) throws Exception {
        // Not a bean: a Filter bean would also be registered with the servlet container and run before security.
        CamundaAuthenticationFilter camundaAuthentication = new CamundaAuthenticationFilter(identity);
        // The compliance console's pages are read with the same HTTP Basic login as the APIs they call.
        http.securityMatcher(new OrRequestMatcher(ApiAuthorizationRules.apis(),
                        ApiAuthorizationRules.path("/console/**")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("Patchflow")
                        .authenticationEntryPoint(ProblemResponses.basicUnauthenticated(json)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.basicUnauthenticated(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .addFilterAfter(camundaAuthentication, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(ApiAuthorizationRules::apply);
        return http.build();
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
