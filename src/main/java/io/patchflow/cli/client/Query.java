package io.patchflow.cli.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A query string built from the parameters that are given ({@code null} values are left out), each encoded. */
final class Query {

    private final StringBuilder text = new StringBuilder();

    Query add(String name, String value) {
        if (value != null) {
            text.append(text.isEmpty() ? '?' : '&').append(name).append('=')
                    // %20 rather than '+': every server decodes it as a space, in a path or a query.
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
