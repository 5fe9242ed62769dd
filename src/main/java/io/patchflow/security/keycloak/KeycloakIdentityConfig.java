package io.patchflow.security.keycloak;

import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Camunda reads users and groups from Keycloak (read-only), so Tasklist's candidate groups, Admin's user list and
 * the engine's group queries are Keycloak's. The plugin is {@code camunda-platform-7-keycloak} 7.23.0, its last
 * release (the project is deprecated; docs/security.md): it calls Keycloak's admin REST API with the service account
 * of Patchflow's client and caches the answers.
 */
@Configuration
@Profile("keycloak")
class KeycloakIdentityConfig {

    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(KeycloakProperties keycloak) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(keycloak.realmUrl());
        plugin.setKeycloakAdminUrl(keycloak.adminUrl());
        plugin.setClientId(keycloak.clientId());
        plugin.setClientSecret(keycloak.clientSecret());
        // Camunda ids are the names people know: user name "carol", group "cab" (its path without the slash).
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        plugin.setAuthorizationCheckEnabled(true);
        plugin.setCacheEnabled(true);
        plugin.setMaxCacheSize(1000);
        plugin.setCacheExpirationTimeoutMin(keycloak.identityCacheMinutes());
        return plugin;
    }
}
