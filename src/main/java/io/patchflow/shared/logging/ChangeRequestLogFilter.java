package io.patchflow.shared.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every line logged while serving a request about one change carries its id: {@code /api/v1/changes/{id}/...},
 * {@code /api/v1/reports/changes/{id}}, the ticket queue's {@code /api/v1/itsm/updates/{id}/...}, and any API
 * request with a {@code changeId} query parameter (the task list of a change). Runs before Spring Security, so
 * refusals are tagged too. The query string is read as it is, never the body. Requests that create a change or
 * complete its task get the id where it becomes known (the change and task services open the context themselves).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ChangeRequestLogFilter extends OncePerRequestFilter {

    private static final Pattern CHANGE_PATH =
            Pattern.compile("^/api/v1/(?:changes|reports/changes|itsm/updates)/([^/]+)");
    private static final Pattern CHANGE_PARAMETER = Pattern.compile("(?:^|&)changeId=([^&]*)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (ChangeLogContext.Scope scope = ChangeLogContext.open(changeOf(request))) {
            chain.doFilter(request, response);
        }
    }

    private static String changeOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher inPath = CHANGE_PATH.matcher(path);
        if (inPath.find()) {
            return inPath.group(1);
        }
        String query = request.getQueryString();
        if (path.startsWith("/api/") && query != null) {
            Matcher inQuery = CHANGE_PARAMETER.matcher(query);
            if (inQuery.find()) {
                return URLDecoder.decode(inQuery.group(1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
