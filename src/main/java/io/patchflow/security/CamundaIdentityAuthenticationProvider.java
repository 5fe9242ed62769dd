package io.patchflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for the APIs in the embedded default: users and groups are Camunda's, so the API, Tasklist and
 * Cockpit agree on who is who. Each Camunda group becomes the role of the same name. Repeated failures of one user
 * name are throttled ({@link LoginThrottle}). Not in the keycloak profile, where Camunda's identity is Keycloak's
 * and passwords never reach Patchflow.
 */
@Component
@Profile("!keycloak")
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final LoginThrottle throttle;

    CamundaIdentityAuthenticationProvider(IdentityService identity, LoginThrottle throttle) {
        this.identity = identity;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        if (user == null || user.isBlank()) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        throttle.check(user);
        if (!identity.checkPassword(user, password)) {
            throttle.failed(user);
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        throttle.succeeded(user);
        List<SimpleGrantedAuthority> roles = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .map(group -> new SimpleGrantedAuthority("ROLE_" + group))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
