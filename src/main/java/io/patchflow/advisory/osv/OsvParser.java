package io.patchflow.advisory.osv;

import static io.patchflow.advisory.osv.JsonPaths.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.advisory.cvss.Cvss;
import io.patchflow.shared.BadInputException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one OSV object (schema 1.x up to 1.7) and checks what Patchflow relies on: an id, a {@code modified}
 * timestamp, packages with ecosystem and name, ranges of a known type whose events each name exactly one of
 * introduced, fixed, last_affected or limit, and well-formed CVSS v3 vectors. Aliases include {@code upstream} ids.
 * Everything else in the record is ignored.
 */
public final class OsvParser {

    private static final Set<String> RANGE_TYPES = Set.of(OsvRange.ECOSYSTEM, OsvRange.SEMVER, OsvRange.GIT);
    private static final List<String> EVENT_TYPES = List.of(OsvEvent.INTRODUCED, OsvEvent.FIXED,
            OsvEvent.LAST_AFFECTED, OsvEvent.LIMIT);
    /** Where databases put a numeric CVSS score of their own in {@code database_specific}. */
    private static final List<String> SCORE_FIELDS = List.of("cvss_score", "cvssScore", "cvss3_score", "cvss_v3_score",
            "baseScore", "base_score");
    private static final List<String> SCORE_OBJECTS = List.of("cvss", "cvss_v3", "cvss3", "cvssV3");

    private OsvParser() {
    }

    /** @throws BadInputException naming the offending field under {@code path} */
    public static OsvAdvisory parse(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new BadInputException(path.isEmpty() ? null : path, "an OSV record must be a JSON object");
        }
        String id = requiredText(node, "id", path, 255);
        OffsetDateTime modified = timestamp(node, "modified", path, true);
        List<OsvAffected> affected = new ArrayList<>();
        List<Severity> severities = new ArrayList<>(severities(node.get("severity"), at(path, "severity")));
        JsonNode affectedNodes = array(node, "affected", path);
        for (int i = 0; i < affectedNodes.size(); i++) {
            String affectedPath = at(path, "affected[" + i + "]");
            affected.add(affected(affectedNodes.get(i), affectedPath));
            severities.addAll(severities(affectedNodes.get(i).get("severity"), at(affectedPath, "severity")));
        }
        Severity best = best(severities);
        JsonNode databaseSpecific = node.get("database_specific");
        return new OsvAdvisory(id, aliases(node, path), optionalText(node, "summary", path),
                modified, timestamp(node, "published", path, false), timestamp(node, "withdrawn", path, false),
                List.copyOf(affected), best == null ? null : best.vector, best == null ? null : best.score,
                databaseScore(databaseSpecific), objectText(databaseSpecific, at(path, "database_specific")));
    }

    /**
     * The record's aliases and its {@code upstream} ids (schema 1.7): Red Hat, Ubuntu, Alpine and Debian records name
     * the CVEs they address only there, and Patchflow finds advisories, EPSS scores and KEV listings by CVE id.
     */
    private static List<String> aliases(JsonNode node, String path) {
        Set<String> aliases = new LinkedHashSet<>();
        for (String field : List.of("aliases", "upstream")) {
            JsonNode array = array(node, field, path);
            for (int i = 0; i < array.size(); i++) {
                aliases.add(text(array.get(i), at(path, field + "[" + i + "]"), 255));
            }
        }
        aliases.remove(node.path("id").asText());
        return List.copyOf(aliases);
    }

    private static OsvAffected affected(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new BadInputException(path, "an affected entry must be an object");
        }
        String ecosystem = null;
        String name = null;
        String purl = null;
        JsonNode pkg = node.get("package");
        if (pkg != null && !pkg.isNull()) {
            String pkgPath = at(path, "package");
            if (!pkg.isObject()) {
                throw new BadInputException(pkgPath, "package must be an object with ecosystem and name");
            }
            ecosystem = requiredText(pkg, "ecosystem", pkgPath, 100);
            name = requiredText(pkg, "name", pkgPath, 500);
            purl = optionalText(pkg, "purl", pkgPath);
            if (purl != null && purl.length() > 1000) {
                throw new BadInputException(at(pkgPath, "purl"), "purl is longer than 1000 characters");
            }
        }
        List<OsvRange> ranges = new ArrayList<>();
        JsonNode rangeNodes = array(node, "ranges", path);
        for (int i = 0; i < rangeNodes.size(); i++) {
            ranges.add(range(rangeNodes.get(i), at(path, "ranges[" + i + "]")));
        }
        List<String> versions = new ArrayList<>();
        JsonNode versionNodes = array(node, "versions", path);
        for (int i = 0; i < versionNodes.size(); i++) {
            versions.add(text(versionNodes.get(i), at(path, "versions[" + i + "]"), 255));
        }
        return new OsvAffected(ecosystem, name, purl, List.copyOf(ranges), List.copyOf(versions),
                objectText(node.get("database_specific"), at(path, "database_specific")));
    }

    private static OsvRange range(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new BadInputException(path, "a range must be an object with type and events");
        }
        String type = requiredText(node, "type", path, 10);
        if (!RANGE_TYPES.contains(type)) {
            throw new BadInputException(at(path, "type"), "range type '" + type
                    + "' is not one of ECOSYSTEM, SEMVER, GIT");
        }
        String repo = optionalText(node, "repo", path);
        if (OsvRange.GIT.equals(type) && repo == null) {
            throw new BadInputException(at(path, "repo"), "a GIT range needs the repo it refers to");
        }
        JsonNode eventNodes = array(node, "events", path);
        if (eventNodes.isEmpty()) {
            throw new BadInputException(at(path, "events"), "a range needs at least one event");
        }
        List<OsvEvent> events = new ArrayList<>();
        for (int i = 0; i < eventNodes.size(); i++) {
            events.add(event(eventNodes.get(i), at(path, "events[" + i + "]")));
        }
        if (events.stream().noneMatch(e -> OsvEvent.INTRODUCED.equals(e.type()))) {
            throw new BadInputException(at(path, "events"), "a range needs an introduced event (\"0\" for all "
                    + "versions before the first fixed one)");
        }
        return new OsvRange(type, repo, List.copyOf(events));
    }

    private static OsvEvent event(JsonNode node, String path) {
        if (!node.isObject() || node.size() != 1) {
            throw new BadInputException(path, "an event must be an object with exactly one of introduced, fixed, "
                    + "last_affected or limit");
        }
        Map.Entry<String, JsonNode> field = node.fields().next();
        if (!EVENT_TYPES.contains(field.getKey())) {
            throw new BadInputException(path, "'" + field.getKey() + "' is not an event: use introduced, fixed, "
                    + "last_affected or limit");
        }
        return new OsvEvent(field.getKey(), text(field.getValue(), at(path, field.getKey()), 255));
    }

    private record Severity(String vector, BigDecimal score) {
    }

    private static List<Severity> severities(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadInputException(path, "severity must be an array");
        }
        List<Severity> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String type = requiredText(node.get(i), "type", itemPath, 20);
            String score = requiredText(node.get(i), "score", itemPath, 255);
            if ("CVSS_V3".equals(type) || "CVSS_V4".equals(type)) {
                try {
                    result.add(new Severity(score, Cvss.baseScore(score)));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(at(itemPath, "score"), "'" + score + "' is not a valid "
                            + ("CVSS_V3".equals(type) ? "CVSS v3" : "CVSS v4.0") + " vector: " + e.getMessage());
                }
            }
        }
        return result;
    }

    /** The highest-scoring vector, v3 or v4.0 alike (the conservative choice when a record carries both). */
    private static Severity best(List<Severity> severities) {
        Severity best = null;
        for (Severity s : severities) {
            if (best == null || (s.score != null && (best.score == null || s.score.compareTo(best.score) > 0))) {
                best = s;
            }
        }
        return best;
    }

    private static BigDecimal databaseScore(JsonNode databaseSpecific) {
        if (databaseSpecific == null || !databaseSpecific.isObject()) {
            return null;
        }
        for (String field : SCORE_FIELDS) {
            BigDecimal score = score(databaseSpecific.get(field));
            if (score != null) {
                return score;
            }
        }
        for (String object : SCORE_OBJECTS) {
            JsonNode nested = databaseSpecific.get(object);
            if (nested != null && nested.isObject()) {
                for (String field : List.of("score", "baseScore", "base_score")) {
                    BigDecimal score = score(nested.get(field));
                    if (score != null) {
                        return score;
                    }
                }
            }
        }
        return null;
    }

    private static BigDecimal score(JsonNode node) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        try {
            BigDecimal score = new BigDecimal(node.asText().strip()).setScale(1, java.math.RoundingMode.HALF_UP);
            return score.signum() >= 0 && score.compareTo(BigDecimal.TEN) <= 0 ? score : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode array(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new BadInputException(at(path, field), field + " must be an array");
        }
        return value;
    }

    private static OffsetDateTime timestamp(JsonNode node, String field, String path, boolean required) {
        String text = required ? requiredText(node, field, path, 64) : optionalText(node, field, path);
        if (text == null) {
            return null;
        }
        try {
            // stored with microsecond precision, so compare in that precision when an update arrives
            return OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT))
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new BadInputException(at(path, field), field + " '" + text
                    + "' is not an RFC 3339 timestamp such as 2024-01-31T12:00:00Z");
        }
    }

    private static String requiredText(JsonNode node, String field, String path, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new BadInputException(at(path, field), field + " is required");
        }
        return text(value, at(path, field), maxLength);
    }

    private static String optionalText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return text(value, at(path, field), Integer.MAX_VALUE);
    }

    private static String text(JsonNode value, String path, int maxLength) {
        if (!value.isTextual()) {
            throw new BadInputException(path, path + " must be a string");
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw new BadInputException(path, path + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String objectText(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new BadInputException(path, "database_specific must be an object");
        }
        return node.toString();
    }
}
