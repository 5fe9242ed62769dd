package io.patchflow.security.keycloak;

import io.patchflow.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * Logs the person Spring Security logged in through Keycloak into Tasklist, Cockpit and Admin, with the groups of
 * their ID token. Camunda's {@code ContainerBasedAuthenticationFilter} instantiates it by class name (hence public,
 * with a no-argument constructor) and keeps the result in the web apps' session.
 */
public class CamundaWebappLogin implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return CurrentUser.id().map(user -> {
            AuthenticationResult result = AuthenticationResult.successful(user);
            result.setGroups(CurrentUser.groups());
            return result;
        }).orElseGet(AuthenticationResult::unsuccessful);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security has already sent anyone without a session to Keycloak's login page.
    }
}
