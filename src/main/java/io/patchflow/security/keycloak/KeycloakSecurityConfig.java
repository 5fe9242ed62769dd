package io.patchflow.security.keycloak;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.security.ApiAuthorizationRules;
import io.patchflow.security.CamundaAuthenticationFilter;
import io.patchflow.security.ProblemResponses;
import io.patchflow.security.Roles;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.client.RestClient;

/**
 * The {@code keycloak} profile (docs/security.md). Two filter chains, as in the embedded default, with Keycloak in
 * place of the demo identity:
 * <ul>
 * <li>APIs ({@code /api/**}, {@code /engine-rest/**}): stateless, a bearer access token from Keycloak on every
 * request ({@link AccessTokens}); the same role matrix ({@link ApiAuthorizationRules}).</li>
 * <li>Everything else: OpenID Connect login (authorization code with PKCE) through Keycloak's login page; the Camunda
 * web apps take the person from it ({@link CamundaWebappLogin}); logging out ends the Keycloak session too.</li>
 * </ul>
 */
@Configuration
@Profile("keycloak")
@EnableConfigurationProperties(KeycloakProperties.class)
class KeycloakSecurityConfig {

    static final String REGISTRATION = "keycloak";

    @Bean
    static KeycloakStartupCheck keycloakStartupCheck() {
        return new KeycloakStartupCheck();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, IdentityService identity, ObjectMapper json,
            JwtDecoder accessTokens) throws Exception {
        http.securityMatcher(ApiAuthorizationRules.apis())
                // Bearer tokens are never sent by a browser on its own: no CSRF to defend against here.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Patchflow's own pages (the compliance console) read the APIs with their web login; GET only.
                .securityContext(context -> context.securityContextRepository(new ReadOnlySessionContext()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(accessTokens).jwtAuthenticationConverter(AccessTokens.authentication()))
                        .authenticationEntryPoint(ProblemResponses.bearerUnauthenticated(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.bearerUnauthenticated(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .addFilterAfter(new CamundaAuthenticationFilter(identity), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(ApiAuthorizationRules::apply);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients, KeycloakProperties keycloak) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler endKeycloakSession =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/camunda/app/");
        http.authorizeHttpRequests(web -> web
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // The compliance console (docs/compliance.md): compliance officers and admins only.
                        .requestMatchers("/console/**").hasAnyRole(Roles.COMPLIANCE_OFFICERS, Roles.ADMINS)
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce))
                        .userInfoEndpoint(u -> u.userAuthoritiesMapper(KeycloakGroups.fromIdToken())))
                .logout(logout -> logout.logoutSuccessHandler(endKeycloakSession))
                .addFilterAfter(new CamundaWebappLogout(authorizedClients, keycloak, RestClient.create()),
                        AuthorizationFilter.class)
                // The Camunda web apps' API has Camunda's own CSRF protection (cookie XSRF-TOKEN, header
                // X-XSRF-TOKEN), which their pages speak; Spring's protects everything else, logout included.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher("/camunda/api/**")));
        return http.build();
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(KeycloakProperties keycloak) {
        // Endpoints written out instead of discovered: Patchflow starts even while Keycloak is still starting, and
        // the browser and the server may reach Keycloak under different names (compose).
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Keycloak")
                .clientId(keycloak.clientId())
                .clientSecret(keycloak.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(keycloak.issuerUri())
                .authorizationUri(keycloak.browserEndpoint("auth"))
                .tokenUri(keycloak.endpoint("token"))
                .jwkSetUri(keycloak.endpoint("certs"))
                .userInfoUri(keycloak.endpoint("userinfo"))
                .userNameAttributeName(KeycloakProperties.USER_NAME_CLAIM)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", keycloak.browserEndpoint("logout")))
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    JwtDecoder accessTokenDecoder(KeycloakProperties keycloak) {
        return AccessTokens.decoder(keycloak);
    }

    /** Puts the person logged in by Spring Security into the Camunda web apps' session; runs after security. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappLogin() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", CamundaWebappLogin.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(101);
        return registration;
    }
}
