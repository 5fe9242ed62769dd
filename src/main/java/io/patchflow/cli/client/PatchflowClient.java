package io.patchflow.cli.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends uploads to a running Patchflow with the JDK's HTTP client (no Spring in the command line). The credentials
 * go with every request (preemptively: waiting for a 401 challenge would send a large body twice). There is no
 * timeout on the answer: importing a large feed takes the server as long as it takes.
 */
final class PatchflowClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ServerConnection connection;
    private final HttpClient http;

    PatchflowClient(ServerConnection connection) {
        this.connection = connection;
        // HTTP/1.1: the server speaks it, and the client then never tries an h2c upgrade with a large body.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ServerConnection connection() {
        return connection;
    }

    /** GETs {@code pathAndQuery} (already encoded) and answers what the server said. */
    ServerAnswer get(String pathAndQuery) throws ServerUnreachableException {
        URI address = connection.resolve(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(address).GET().header("Accept", "application/json");
        return send(address, request);
    }

    /** POSTs the upload to {@code pathAndQuery} (already encoded) and answers what the server said. */
    ServerAnswer post(String pathAndQuery, Upload upload) throws ServerUnreachableException {
        URI address = connection.resolve(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(address).POST(upload.body())
                .header("Content-Type", upload.contentType()).header("Accept", "application/json");
        return send(address, request);
    }

    /** Sends with the connection's credentials and answers what the server said. */
    private ServerAnswer send(URI address, HttpRequest.Builder request) throws ServerUnreachableException {
        if (connection.authorization() != null) {
            request.header("Authorization", connection.authorization());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ServerAnswer(address, response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new ServerUnreachableException(address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(address, new IOException("interrupted"));
        }
    }
}
