package io.patchflow.security.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Keycloak is and who Patchflow is to it (the {@code keycloak} profile, docs/security.md).
 *
 * @param issuerUri the realm as browsers see it and as tokens name it ({@code iss}), e.g.
 *        {@code https://sso.example.com/realms/patchflow}
 * @param backchannelUri the same realm as Patchflow reaches it (tokens, keys, admin API), when that differs from
 *        what browsers see (compose: {@code http://keycloak:8080/realms/patchflow}); empty = the issuer
 * @param clientId the confidential client Patchflow logs people in with; its service account reads users and groups
 * @param clientSecret that client's secret; no default: the service refuses to start without it
 * @param audience what an access token's {@code aud} must contain to be accepted by the APIs
 * @param identityCacheMinutes how long Camunda keeps users and groups read from Keycloak
 */
@ConfigurationProperties("patchflow.keycloak")
public record KeycloakProperties(String issuerUri, String backchannelUri, @DefaultValue("patchflow") String clientId,
        String clientSecret, @DefaultValue("patchflow") String audience,
        @DefaultValue("5") int identityCacheMinutes) {

    static final String SECRET_VARIABLE = "PATCHFLOW_KEYCLOAK_CLIENT_SECRET";
    static final String ISSUER_VARIABLE = "PATCHFLOW_KEYCLOAK_ISSUER";

    /** The claim that carries a person's groups (Keycloak's group membership mapper, names without path). */
    static final String GROUPS_CLAIM = "groups";
    /** The claim that names a person: their Keycloak user name, which is also their Camunda user id. */
    static final String USER_NAME_CLAIM = "preferred_username";

    public KeycloakProperties {
        issuerUri = withoutTrailingSlash(issuerUri);
        backchannelUri = withoutTrailingSlash(backchannelUri);
    }

    /** The realm's URL for server-to-server calls. */
    String realmUrl() {
        return backchannelUri == null || backchannelUri.isBlank() ? issuerUri : backchannelUri;
    }

    /** An OpenID Connect endpoint of the realm, reached from Patchflow. */
    String endpoint(String name) {
        return realmUrl() + "/protocol/openid-connect/" + name;
    }

    /** The same endpoint as a browser reaches it. */
    String browserEndpoint(String name) {
        return issuerUri + "/protocol/openid-connect/" + name;
    }

    /** Keycloak's admin REST API for the realm: {@code .../realms/x} becomes {@code .../admin/realms/x}. */
    String adminUrl() {
        String realm = realmUrl();
        int at = realm.lastIndexOf("/realms/");
        if (at < 0) {
            throw new IllegalStateException("patchflow.keycloak.issuer-uri must end in /realms/<realm>: " + realm);
        }
        return realm.substring(0, at) + "/admin" + realm.substring(at);
    }

    private static String withoutTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
