package io.patchflow.cli.client;

import java.io.IOException;
import java.net.URI;

/** The request did not get an answer: nothing listens there, the name does not resolve, or the connection broke. */
final class ServerUnreachableException extends IOException {

    ServerUnreachableException(URI address, IOException cause) {
        super("cannot reach Patchflow at " + address + ": " + reason(cause)
                + " (check --server or $PATCHFLOW_URL)", cause);
    }

    private static String reason(IOException cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within " + PatchflowClient.CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (cause.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
