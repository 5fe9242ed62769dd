package io.patchflow.cli.client;

import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Where the server is and who the caller is, from the common options and the environment: {@code --server} (else
 * {@code $PATCHFLOW_URL}, else {@code http://localhost:8080}); {@code --user} with the password from
 * {@code --password-file} or {@code $PATCHFLOW_PASSWORD} (HTTP Basic), or a bearer token from {@code --token-file}
 * or {@code $PATCHFLOW_TOKEN}. An option beats the environment: {@code --user} beats {@code $PATCHFLOW_TOKEN},
 * {@code --token-file} beats {@code $PATCHFLOW_USER}. No secret is taken from the command line, where {@code ps} and
 * the shell history would show it, and none is printed: {@link #toString()} leaves the credentials out.
 */
record ServerConnection(URI base, String authorization, String user) {

    static final String DEFAULT_URL = "http://localhost:8080";
    static final Set<String> OPTIONS = Set.of("--server", "--user", "--password-file", "--token-file");

    static ServerConnection from(CommandLine line, Map<String, String> env) {
        URI base = base(line.value("--server", env.getOrDefault("PATCHFLOW_URL", DEFAULT_URL)));
        if (line.value("--user") != null && line.value("--token-file") != null) {
            throw new UsageException("give either --user (with a password) or --token-file, not both");
        }
        String token = line.value("--token-file") == null ? null
                : firstLine(line.value("--token-file"), "token");
        String user = line.value("--user");
        if (user == null && token == null) {
            token = blankToNull(env.get("PATCHFLOW_TOKEN"));
            user = token == null ? blankToNull(env.get("PATCHFLOW_USER")) : null;
        }
        if (token != null) {
            return new ServerConnection(base, "Bearer " + token.strip(), null);
        }
        if (user == null) {
            if (line.value("--password-file") != null) {
                throw new UsageException("--password-file needs --user (or $PATCHFLOW_USER)");
            }
            return new ServerConnection(base, null, null);
        }
        String password = password(line.value("--password-file"), env.get("PATCHFLOW_PASSWORD"), user);
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ServerConnection(base, "Basic " + basic, user);
    }

    /** The address of an API path, e.g. {@code /api/v1/inventory?format=dpkg}, below the base (which may have a path). */
    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    @Override
    public String toString() {
        return base + (user == null ? "" : " as " + user);
    }

    private static URI base(String url) {
        String trimmed = url.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(url, "not an http or https address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("the server address '" + url + "' is not an http:// or https:// URL such as "
                    + DEFAULT_URL);
        }
    }

    private static String password(String passwordFile, String fromEnvironment, String user) {
        if (passwordFile != null) {
            return firstLine(passwordFile, "password");
        }
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            throw new UsageException("no password for user '" + user + "': set $PATCHFLOW_PASSWORD or use "
                    + "--password-file FILE (a password is never given on the command line)");
        }
        return fromEnvironment;
    }

    /** The first line of a secret's file; a trailing line break is how editors and "echo" end a file. */
    private static String firstLine(String fileName, String what) {
        try {
            String firstLine = Files.readString(Path.of(fileName), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
            if (firstLine.isEmpty()) {
                throw new BadInputException(fileName, "the " + what + " file is empty");
            }
            return firstLine;
        } catch (IOException e) {
            throw new BadInputException(fileName, "cannot read the " + what + " file (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
