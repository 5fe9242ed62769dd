package io.patchflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401, 403 and 429 from the security filters as RFC 9457 problem details, like every other API error. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The embedded default: HTTP Basic, with a throttled user told when to try again. */
    static AuthenticationEntryPoint basicUnauthenticated(ObjectMapper json) {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfter().toSeconds()));
                write(json, response, HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed logins",
                        throttled.getMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Patchflow\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "Send your credentials (HTTP Basic in the embedded default) to call " + request.getRequestURI());
        };
    }

    /**
     * The keycloak profile: a bearer token from Keycloak. A token that was sent and refused says why (expired, wrong
     * audience, bad signature), as RFC 6750's {@code error_description} and in the problem's detail.
     */
    public static AuthenticationEntryPoint bearerUnauthenticated(ObjectMapper json) {
        return (request, response, e) -> {
            String reason = tokenProblem(e);
            if (reason == null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Patchflow\"");
                write(json, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                        "Send a bearer token from Keycloak (Authorization: Bearer ...) to call "
                                + request.getRequestURI());
                return;
            }
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Patchflow\", error=\"invalid_token\", "
                    + "error_description=\"" + reason.replace('"', '\'') + "\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "invalid-token", "Token refused",
                    "The bearer token was refused: " + reason);
        };
    }

    private static String tokenProblem(AuthenticationException e) {
        // No token at all arrives as "full authentication is required", not as a refused token.
        if (e == null || e instanceof InsufficientAuthenticationException) {
            return null;
        }
        return e.getMessage();
    }

    public static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(json, response, HttpStatus.FORBIDDEN, "forbidden",
                "Not allowed for your role", "Your roles do not allow " + request.getMethod() + " "
                        + request.getRequestURI() + "; docs/security.md lists who may call what");
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://patchflow.io/problems/" + type));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
