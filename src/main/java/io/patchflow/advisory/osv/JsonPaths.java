package io.patchflow.advisory.osv;

/** Builds the paths that name a field in error messages: {@code [2].affected[0].ranges[0].events[1]}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String at(String base, String relative) {
        if (base.isEmpty() || base.endsWith(":")) {
            return base + relative;
        }
        return relative.startsWith("[") ? base + relative : base + "." + relative;
    }
}
