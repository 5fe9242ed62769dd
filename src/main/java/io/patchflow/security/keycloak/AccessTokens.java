package io.patchflow.security.keycloak;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Which bearer tokens the APIs accept: signed by the realm's current keys (fetched from Keycloak, RS256), issued by
 * the configured realm ({@code iss}), meant for Patchflow ({@code aud}), an access token and not an ID token
 * ({@code typ}), and within its lifetime (60 s clock skew).
 */
final class AccessTokens {

    private AccessTokens() {
    }

    static JwtDecoder decoder(KeycloakProperties keycloak) {
        // Keys from the back channel; the issuer is checked against what browsers see, which is what tokens carry.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.endpoint("certs")).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(keycloak.issuerUri()),
                audience(keycloak.audience()), accessTokenOnly()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> {
            List<String> audiences = jwt.getAudience();
            if (audiences != null && audiences.contains(audience)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token is not meant for Patchflow (aud " + audiences + " does not contain '" + audience
                            + "')", null));
        };
    }

    /** An ID token carries the client as its audience too; only access tokens ({@code typ} Bearer) may call. */
    static OAuth2TokenValidator<Jwt> accessTokenOnly() {
        return jwt -> "Bearer".equals(jwt.getClaimAsString("typ")) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "not an access token (typ " + jwt.getClaimAsString("typ") + ")", null));
    }

    /** The caller is the Keycloak user name; their groups are their roles. */
    static Converter<Jwt, AbstractAuthenticationToken> authentication() {
        return jwt -> {
            String name = jwt.getClaimAsString(KeycloakProperties.USER_NAME_CLAIM);
            return new JwtAuthenticationToken(jwt, KeycloakGroups.roles(jwt.getClaim(KeycloakProperties.GROUPS_CLAIM)),
                    name == null || name.isBlank() ? jwt.getSubject() : name);
        };
    }
}
