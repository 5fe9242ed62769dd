package io.patchflow.inventory.imports.formats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}) as the purl specification parses it:
 * components split from the right, each percent-decoded. Kept to the few lines needed here rather than a library,
 * since only type, namespace, name, version and qualifiers are used.
 */
record PackageUrl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {

    /** The parts of {@code purl}; IllegalArgumentException names what is wrong. */
    static PackageUrl parse(String purl) {
        if (purl.length() < 4 || !purl.substring(0, 4).equalsIgnoreCase("pkg:")) {
            throw new IllegalArgumentException("a package URL starts with pkg:");
        }
        String rest = purl.substring(4);
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        Map<String, String> qualifiers = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    qualifiers.put(pair.substring(0, equals).toLowerCase(Locale.ROOT),
                            decode(pair.substring(equals + 1)));
                }
            }
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a package URL needs a type and a name: pkg:type/name@version");
        }
        String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        String path = rest.substring(slash + 1);
        String version = null;
        int at = path.lastIndexOf('@');
        if (at > path.lastIndexOf('/')) {
            version = decode(path.substring(at + 1));
            path = path.substring(0, at);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int lastSlash = path.lastIndexOf('/');
        String name = decode(path.substring(lastSlash + 1));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a package URL needs a name: pkg:type/name@version");
        }
        String namespace = null;
        if (lastSlash > 0) {
            StringBuilder decoded = new StringBuilder();
            for (String segment : path.substring(0, lastSlash).split("/")) {
                if (!segment.isEmpty()) {
                    decoded.append(decoded.isEmpty() ? "" : "/").append(decode(segment));
                }
            }
            namespace = decoded.isEmpty() ? null : decoded.toString();
        }
        return new PackageUrl(type, namespace, name, version == null || version.isEmpty() ? null : version,
                Map.copyOf(qualifiers));
    }

    /** Percent-decoding; consecutive escapes are one UTF-8 sequence. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                flush(escaped, out);
                out.append(c);
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("'%' must be followed by two hex digits");
            }
            escaped.write(high * 16 + low);
            i += 2;
        }
        flush(escaped, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream escaped, StringBuilder out) {
        if (escaped.size() > 0) {
            out.append(escaped.toString(StandardCharsets.UTF_8));
            escaped.reset();
        }
    }
}
