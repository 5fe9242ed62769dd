package io.patchflow.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.patchflow.cli.PatchflowCli;
import java.io.PrintStream;
import java.net.URI;

/**
 * What the server answered to one request, and what the command line makes of it: a success is printed as the
 * server's JSON on standard output; a refusal is a message on standard error built from the RFC 9457 problem
 * ({@code detail} and {@code field}) or from Spring Security's 401/403 body ({@code error}, {@code message}).
 * A 4xx means the request should change (exit 2); a 5xx or anything unexpected is the server's trouble (exit 1).
 */
record ServerAnswer(URI address, int status, String body, String contentType) {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int MAX_SHOWN = 500;

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The exit code this answer ends the command with. */
    int exitCode() {
        return ok() ? PatchflowCli.OK : status >= 400 && status < 500 ? PatchflowCli.BAD_INPUT : PatchflowCli.FAILED;
    }

    /** Prints the answer where it belongs; answers the exit code. */
    int report(String command, PrintStream out, PrintStream err) {
        if (ok()) {
            out.println(body.strip());
        } else {
            err.println(command + ": " + refusal());
        }
        return exitCode();
    }

    /** One line saying what the server refused and why: "400 Invalid input: ... (field: line 2: version)". */
    String refusal() {
        JsonNode problem = parsed();
        StringBuilder text = new StringBuilder().append(status).append(' ');
        if (problem != null && problem.hasNonNull("detail")) {
            text.append(problem.path("title").asText(reason())).append(": ").append(problem.get("detail").asText());
            if (problem.hasNonNull("field")) {
                text.append(" (field: ").append(problem.get("field").asText()).append(')');
            }
            if (problem.hasNonNull("rule")) {
                text.append(" (rule: ").append(problem.get("rule").asText()).append(')');
            }
        } else if (problem != null && problem.hasNonNull("error")) {
            text.append(problem.get("error").asText());
            String message = problem.path("message").asText("");
            if (!message.isBlank() && !message.equals(problem.get("error").asText())) {
                text.append(": ").append(message);
            }
        } else {
            text.append(reason());
            if (!body.isBlank()) {
                text.append(": ").append(body.length() > MAX_SHOWN ? body.substring(0, MAX_SHOWN) + "..." : body);
            }
        }
        text.append(hint()).append(" [POST ").append(address).append(']');
        return text.toString().replace('\n', ' ');
    }

    private String hint() {
        return switch (status) {
            case 401 -> " - the server did not accept the credentials: give --user and $PATCHFLOW_PASSWORD "
                    + "(or --password-file), or --token";
            case 403 -> " - the user may not do this: imports need the group patch-operators or patchflow-admins";
            default -> "";
        };
    }

    private JsonNode parsed() {
        if (!contentType.contains("json") || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private String reason() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "HTTP status";
        };
    }
}
