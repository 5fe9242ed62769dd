package io.patchflow.security.keycloak;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * A person's Keycloak groups (claim {@code groups}) become Spring Security roles of the same name ({@code ROLE_cab}),
 * as the embedded default's Camunda groups do: the API matrix, Camunda's authorizations and separation of duties
 * see the same names whichever way a person logged in.
 */
final class KeycloakGroups {

    private KeycloakGroups() {
    }

    static List<GrantedAuthority> roles(Object groupsClaim) {
        if (!(groupsClaim instanceof Collection<?> groups)) {
            return List.of();
        }
        return groups.stream()
                .map(String::valueOf)
                // A group below another arrives as a path when the mapper is set to full paths: keep the name.
                .map(group -> group.substring(group.lastIndexOf('/') + 1))
                .filter(group -> !group.isBlank())
                .distinct()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority("ROLE_" + group))
                .toList();
    }

    /** For the web login: the roles come from the ID token (and user info) of the OIDC login. */
    static GrantedAuthoritiesMapper fromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(roles(oidc.getIdToken().getClaim(KeycloakProperties.GROUPS_CLAIM)));
                    if (oidc.getUserInfo() != null) {
                        mapped.addAll(roles(oidc.getUserInfo().getClaim(KeycloakProperties.GROUPS_CLAIM)));
                    }
                }
            }
            return mapped;
        };
    }
}
