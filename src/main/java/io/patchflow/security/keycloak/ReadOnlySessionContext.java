package io.patchflow.security.keycloak;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Lets a person logged in through the web (the OIDC session of Patchflow's pages) read the APIs those pages call, such
 * as the compliance console's reports and evidence, without a bearer token: for GET and HEAD only, so a request forged
 * by another site can change nothing; every other method still needs a bearer token. The API chain never creates or
 * saves a session: what it authenticates lives for the request only.
 */
final class ReadOnlySessionContext implements SecurityContextRepository {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final RequestAttributeSecurityContextRepository request = new RequestAttributeSecurityContextRepository();

    ReadOnlySessionContext() {
        sessions.setAllowSessionCreation(false);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest httpRequest) {
        DeferredSecurityContext current = request.loadDeferredContext(httpRequest);
        if (!safe(httpRequest)) {
            return current;
        }
        DeferredSecurityContext session = sessions.loadDeferredContext(httpRequest);
        return new DeferredSecurityContext() {
            @Override
            public SecurityContext get() {
                return current.isGenerated() ? session.get() : current.get();
            }

            @Override
            public boolean isGenerated() {
                return current.isGenerated() && session.isGenerated();
            }
        };
    }

    /** @deprecated Spring Security calls {@link #loadDeferredContext}; kept for the interface. */
    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        Supplier<SecurityContext> context = loadDeferredContext(holder.getRequest());
        return context.get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest httpRequest, HttpServletResponse response) {
        request.saveContext(context, httpRequest, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest httpRequest) {
        return request.containsContext(httpRequest) || (safe(httpRequest) && sessions.containsContext(httpRequest));
    }

    private static boolean safe(HttpServletRequest httpRequest) {
        return SAFE_METHODS.contains(httpRequest.getMethod());
    }
}
