package io.patchflow.shared.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every line logged while serving a request about one change carries its id: {@code /api/v1/changes/{id}/...} and
 * the ticket queue's {@code /api/v1/itsm/updates/{id}/...}. Runs before Spring Security, so refusals are tagged too.
 * Requests that create a change get the id once it exists (the change service opens the context itself).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ChangeRequestLogFilter extends OncePerRequestFilter {

    private static final Pattern ADDRESSES_A_CHANGE = Pattern.compile("^/api/v1/(?:changes|itsm/updates)/([^/]+)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = ADDRESSES_A_CHANGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        try (ChangeLogContext.Scope scope = ChangeLogContext.open(m.find() ? m.group(1) : null)) {
            chain.doFilter(request, response);
        }
    }
}
