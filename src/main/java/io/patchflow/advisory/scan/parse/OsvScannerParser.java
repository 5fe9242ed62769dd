package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.advisory.cvss.Cvss3;
import io.patchflow.advisory.version.VersionComparator;
import io.patchflow.advisory.version.VersionComparators;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * osv-scanner JSON ({@code --format json}). Host and target = the scanned source ({@code source.path}, a lockfile
 * or SBOM); package, version and ecosystem from each package entry. osv-scanner lists an advisory and its aliases
 * (a GHSA and the CVE it describes) as separate vulnerabilities and ties them together in {@code groups}: one
 * finding per group, named by the group's first id, with the group's aliases. The fixed version is the lowest
 * {@code fixed} event of the advisory's ranges for this package that is above the installed version.
 */
final class OsvScannerParser implements ReportParser {

    private final JsonReports json;

    OsvScannerParser(JsonReports json) {
        this.json = json;
    }

    @Override
    public void parse(InputStream report, ReportCollector out) {
        out.scanner("osv-scanner");
        boolean[] recognised = new boolean[1];
        json.read(report, "osv-scanner", parser -> JsonReports.fields(parser, "", (name, pointer) -> {
            if (!name.equals("results")) {
                return false;
            }
            recognised[0] = true;
            JsonReports.elements(parser, pointer, (index, resultPointer) -> result(parser, resultPointer, out));
            return true;
        }));
        if (!recognised[0]) {
            throw new BadInputException(null, "Not an osv-scanner report: there is no 'results' array (run "
                    + "osv-scanner with --format json).");
        }
    }

    /** A result field by field and its packages one at a time (a monorepo's lockfile can list thousands). */
    private void result(JsonParser parser, String pointer, ReportCollector out) throws IOException {
        String[] source = new String[1];
        List<FindingBuilder> found = new ArrayList<>();
        JsonReports.fields(parser, pointer, (name, fieldPointer) -> {
            switch (name) {
                case "source" -> source[0] = Text.clean(JsonReports.text(json.tree(parser), "path"));
                case "packages" -> JsonReports.elements(parser, fieldPointer, (index, packagePointer) ->
                        packageEntry(json.tree(parser), packagePointer, found));
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (source[0] == null) {
            throw new BadInputException(JsonReports.pointer(JsonReports.pointer(pointer, "source"), "path"),
                    "'path' is missing or empty");
        }
        out.host(source[0]);
        found.forEach(finding -> out.add(finding.host(source[0]).target(source[0]).build()));
    }

    private static void packageEntry(JsonNode entry, String pointer, List<FindingBuilder> found) {
        JsonNode pkg = entry.path("package");
        String name = JsonReports.required(pkg, "name", JsonReports.pointer(pointer, "package"));
        String version = JsonReports.text(pkg, "version");
        String ecosystem = JsonReports.text(pkg, "ecosystem");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        JsonNode vulnerabilities = JsonReports.array(entry, "vulnerabilities", pointer);
        for (int v = 0; v < vulnerabilities.size(); v++) {
            String vulnPointer = JsonReports.pointer(JsonReports.pointer(pointer, "vulnerabilities"),
                    String.valueOf(v));
            byId.put(JsonReports.required(vulnerabilities.get(v), "id", vulnPointer), vulnerabilities.get(v));
        }
        for (List<String> group : groups(entry.path("groups"), byId)) {
            JsonNode advisory = byId.get(group.get(0));
            FindingBuilder finding = new FindingBuilder().packageName(name)
                    .installedVersion(version).ecosystem(ecosystem).purl(JsonReports.text(pkg, "purl"))
                    .vulnerabilityId(group.get(0))
                    .title(summary(advisory))
                    .fixedVersion(fixedVersion(advisory, name, ecosystem, version));
            group.forEach(finding::alias);
            for (String id : group) {
                JsonNode member = byId.get(id);
                if (member != null) {
                    member.path("aliases").forEach(alias -> finding.alias(alias.asText()));
                }
            }
            severity(finding, groupNode(entry.path("groups"), group.get(0)), advisory);
            found.add(finding);
        }
    }

    /** The groups osv-scanner made (ids in its order); without groups, each vulnerability is its own group. */
    private static List<List<String>> groups(JsonNode groups, Map<String, JsonNode> byId) {
        List<List<String>> result = new ArrayList<>();
        List<String> grouped = new ArrayList<>();
        for (JsonNode group : groups) {
            List<String> ids = new ArrayList<>();
            group.path("ids").forEach(id -> {
                if (byId.containsKey(id.asText())) {
                    ids.add(id.asText());
                }
            });
            group.path("aliases").forEach(alias -> {
                if (!ids.contains(alias.asText())) {
                    ids.add(alias.asText());
                }
            });
            if (!ids.isEmpty() && byId.containsKey(ids.get(0))) {
                result.add(ids);
                grouped.addAll(ids);
            }
        }
        byId.keySet().stream().filter(id -> !grouped.contains(id)).forEach(id -> result.add(List.of(id)));
        return result;
    }

    private static JsonNode groupNode(JsonNode groups, String firstId) {
        for (JsonNode group : groups) {
            for (JsonNode id : group.path("ids")) {
                if (id.asText().equals(firstId)) {
                    return group;
                }
            }
        }
        return null;
    }

    /** The group's {@code max_severity} (a CVSS score), else the advisory's CVSS v3 vector or its own rating. */
    private static void severity(FindingBuilder finding, JsonNode group, JsonNode advisory) {
        BigDecimal score = Severities.parse(JsonReports.text(group, "max_severity"));
        if (score == null) {
            for (JsonNode severity : advisory.path("severity")) {
                String vector = JsonReports.text(severity, "score");
                if (Cvss3.isV3(vector)) {
                    try {
                        score = Cvss3.baseScore(vector);
                    } catch (IllegalArgumentException malformed) {
                        // A malformed vector says nothing about severity; the rating below may still.
                    }
                }
            }
        }
        finding.cvssScore(score);
        String rated = JsonReports.text(advisory.path("database_specific"), "severity");
        finding.severity(rated != null ? rated : Severities.ofScore(score));
    }

    private static String summary(JsonNode advisory) {
        String summary = Text.clean(JsonReports.text(advisory, "summary"));
        return summary != null ? summary : Text.firstLine(JsonReports.text(advisory, "details"));
    }

    /** The lowest {@code fixed} event for this package above the installed version (all of them if unknown). */
    static String fixedVersion(JsonNode advisory, String name, String ecosystem, String installed) {
        List<String> fixed = new ArrayList<>();
        for (JsonNode affected : advisory.path("affected")) {
            String affectedName = JsonReports.text(affected.path("package"), "name");
            if (affectedName != null && !affectedName.equals(name)) {
                continue;
            }
            for (JsonNode range : affected.path("ranges")) {
                for (JsonNode event : range.path("events")) {
                    String version = Text.clean(JsonReports.text(event, "fixed"));
                    if (version != null && !fixed.contains(version)) {
                        fixed.add(version);
                    }
                }
            }
        }
        VersionComparator order = VersionComparators.forEcosystem(ecosystem == null ? "" : ecosystem);
        String best = null;
        for (String candidate : fixed) {
            try {
                boolean above = installed == null || order.compare(candidate, installed) > 0;
                if (above && (best == null || order.compare(candidate, best) < 0)) {
                    best = candidate;
                }
            } catch (RuntimeException unorderable) {
                // A version the ecosystem's ordering cannot read: it is still a fixed version the report named.
                best = best == null ? candidate : best;
            }
        }
        return best;
    }
}
