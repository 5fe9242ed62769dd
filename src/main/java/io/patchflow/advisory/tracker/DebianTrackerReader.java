package io.patchflow.advisory.tracker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the Debian security tracker's JSON ({@code https://security-tracker.debian.org/tracker/data/json}:
 * {@code {source package: {issue: {"description", "scope", "debianbug", "releases": {codename: {...}}}}}}) one issue
 * at a time, so the 70 MB file never sits in memory, and hands each (package, issue) to the consumer as an advisory.
 * Errors name where they are: {@code openssl/CVE-2024-4741/bookworm/fixed_version}, or the line and column of
 * broken JSON.
 */
final class DebianTrackerReader {

    static final String ID_PREFIX = "DEBIAN-TRACKER:";

    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._-]{0,199}");
    private static final Pattern ISSUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** dpkg's version syntax: optional numeric epoch, then the characters upstream version and revision may use. */
    private static final Pattern DEBIAN_VERSION = Pattern.compile("(\\d+:)?[A-Za-z0-9][A-Za-z0-9.+~:-]{0,200}");

    private final ObjectMapper mapper;

    DebianTrackerReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    TrackerTally read(InputStream in, Consumer<TrackerAdvisory> consumer) {
        TrackerTally tally = new TrackerTally();
        String where = null;
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInputException(null, "expected the Debian security tracker JSON: an object of source "
                        + "packages");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String pkg = parser.currentName();
                where = pkg;
                if (!PACKAGE.matcher(pkg).matches()) {
                    throw new BadInputException(pkg, "'" + pkg + "' is not a Debian source package name");
                }
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new BadInputException(pkg, "a package must map to an object of issues");
                }
                tally.packages++;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String issue = parser.currentName();
                    where = pkg + "/" + issue;
                    parser.nextToken();
                    JsonNode node = mapper.readTree(parser);
                    tally.issues++;
                    TrackerAdvisory advisory = advisory(pkg, issue, node, tally);
                    if (advisory != null) {
                        consumer.accept(advisory);
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new BadInputException(where, "the tracker JSON does not end after its packages");
            }
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String at = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            throw new BadInputException(where, "not valid JSON" + at + (where == null ? "" : " (in " + where + ")")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tally;
    }

    /** The advisory for one (package, issue), or null when no release of Debian is affected. */
    private static TrackerAdvisory advisory(String pkg, String issue, JsonNode node, TrackerTally tally) {
        String path = pkg + "/" + issue;
        if (!ISSUE.matcher(issue).matches()) {
            throw new BadInputException(path, "'" + issue + "' is not an issue id such as CVE-2024-4741 or "
                    + "TEMP-0000000-1A2B3C");
        }
        if (!node.isObject()) {
            throw new BadInputException(path, "an issue must be an object with releases");
        }
        JsonNode releases = node.get("releases");
        if (releases == null || !releases.isObject()) {
            throw new BadInputException(path + "/releases", "releases must be an object of codenames");
        }
        List<OsvAffected> affected = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = releases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> release = it.next();
            String releasePath = path + "/" + release.getKey();
            String ecosystem = DebianReleases.ecosystem(release.getKey()).orElse(null);
            TrackerRelease parsed = TrackerRelease.parse(release.getValue(), releasePath);
            if (ecosystem == null) {
                tally.skippedReleases++;
                tally.unknownCodenames.add(release.getKey());
                continue;
            }
            if (parsed.fixedVersion() != null && !DEBIAN_VERSION.matcher(parsed.fixedVersion()).matches()) {
                throw new BadInputException(releasePath + "/fixed_version", "'" + parsed.fixedVersion()
                        + "' is not a Debian version");
            }
            OsvAffected entry = parsed.affected(ecosystem, pkg);
            if (entry == null) {
                tally.notAffected++;
            } else {
                affected.add(entry);
                if (entry.noFixReason() == null) {
                    tally.fixed++;
                } else {
                    tally.noFix++;
                }
            }
        }
        if (affected.isEmpty()) {
            return null;
        }
        affected.sort(Comparator.comparingInt(a -> DebianReleases.order(a.ecosystem())));
        String id = ID_PREFIX + pkg + ":" + issue;
        OsvAdvisory advisory = new OsvAdvisory(id, List.of(issue), text(node, "description", path), null, null, null,
                List.copyOf(affected), null, null, null, databaseSpecific(node, path));
        return new TrackerAdvisory(advisory, hash(advisory));
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadInputException(path + "/" + field, field + " must be a string");
        }
        return value.asText();
    }

    /** Scope and Debian bug number, kept as OSV keeps what a database adds of its own. */
    private static String databaseSpecific(JsonNode node, String path) {
        ObjectNode specific = JsonNodeFactory.instance.objectNode();
        specific.put("source", "debian-tracker");
        String scope = text(node, "scope", path);
        if (scope != null) {
            specific.put("scope", scope);
        }
        JsonNode bug = node.get("debianbug");
        if (bug != null && !bug.isNull()) {
            if (!bug.canConvertToLong()) {
                throw new BadInputException(path + "/debianbug", "debianbug must be a bug number");
            }
            specific.put("debianbug", bug.asLong());
        }
        return specific.toString();
    }

    /** SHA-256 of the advisory without timestamps: records print every component in a fixed order. */
    private static String hash(OsvAdvisory advisory) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(advisory.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
