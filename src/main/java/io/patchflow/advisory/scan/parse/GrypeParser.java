package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Grype JSON ({@code -o json}). Host = {@code source.target} (the image as the user named it, or the directory);
 * target = the artifact's first location; package, version, type and purl from the artifact; fixed version = the
 * first of {@code fix.versions}; aliases = {@code relatedVulnerabilities}. Grype writes {@code matches} before
 * {@code source}, so the findings are held (reduced) until the host is known. Entries of {@code ignoredMatches}
 * (ignore rules, VEX {@code not_affected}) are kept as suppressed.
 */
final class GrypeParser implements ReportParser {

    private final JsonReports json;

    GrypeParser(JsonReports json) {
        this.json = json;
    }

    @Override
    public void parse(InputStream report, ReportCollector out) {
        List<FindingBuilder> found = new ArrayList<>();
        String[] host = new String[1];
        String[] scanner = {"grype"};
        boolean[] recognised = new boolean[1];
        json.read(report, "grype", parser -> JsonReports.fields(parser, "", (name, pointer) -> {
            switch (name) {
                case "matches", "ignoredMatches" -> {
                    recognised[0] = true;
                    boolean ignored = name.equals("ignoredMatches");
                    JsonReports.elements(parser, pointer, (index, matchPointer) ->
                            found.add(match(json.tree(parser), matchPointer, ignored)));
                }
                case "source" -> host[0] = sourceName(json.tree(parser));
                case "descriptor" -> {
                    JsonNode descriptor = json.tree(parser);
                    String version = JsonReports.text(descriptor, "version");
                    scanner[0] = "grype" + (version == null ? "" : " " + version);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }));
        if (!recognised[0]) {
            throw new BadInputException(null, "Not a Grype report: there is no 'matches' array (run grype with "
                    + "-o json).");
        }
        out.scanner(scanner[0]);
        String name = host[0] == null ? "grype scan" : host[0];
        out.host(name);
        found.forEach(f -> out.add(f.host(name).build()));
    }

    private static String sourceName(JsonNode source) {
        JsonNode target = source.path("target");
        String name = target.isObject() ? JsonReports.text(target, "userInput") : target.asText(null);
        String clean = Text.clean(name);
        // Directory scans write the path JSON-quoted inside the string: "\".\"".
        if (clean != null && clean.length() >= 2 && clean.startsWith("\"") && clean.endsWith("\"")) {
            clean = Text.clean(clean.substring(1, clean.length() - 1));
        }
        return clean;
    }

    private static FindingBuilder match(JsonNode match, String pointer, boolean ignored) {
        JsonNode vulnerability = match.path("vulnerability");
        JsonNode artifact = match.path("artifact");
        String vulnPointer = JsonReports.pointer(pointer, "vulnerability");
        String artifactPointer = JsonReports.pointer(pointer, "artifact");
        JsonNode fix = vulnerability.path("fix");
        FindingBuilder finding = new FindingBuilder()
                .vulnerabilityId(JsonReports.required(vulnerability, "id", vulnPointer))
                .packageName(JsonReports.required(artifact, "name", artifactPointer))
                .installedVersion(JsonReports.text(artifact, "version"))
                .ecosystem(JsonReports.text(artifact, "type"))
                .purl(JsonReports.text(artifact, "purl"))
                .target(JsonReports.text(artifact.path("locations").path(0), "path"))
                .fixedVersion(JsonReports.text(fix.path("versions"), 0))
                .status(JsonReports.text(fix, "state"))
                .severity(JsonReports.text(vulnerability, "severity"))
                .cvssScore(cvss(vulnerability, match.path("relatedVulnerabilities")))
                .title(Text.firstLine(JsonReports.text(vulnerability, "description")));
        match.path("relatedVulnerabilities").forEach(related -> finding.alias(JsonReports.text(related, "id")));
        if (ignored) {
            finding.suppressed(ignoreReason(match.path("appliedIgnoreRules")));
        }
        return finding;
    }

    /** A CVSS v3 base score: the vulnerability's own (primary first), else that of a related (NVD) record. */
    private static BigDecimal cvss(JsonNode vulnerability, JsonNode related) {
        BigDecimal score = v3Score(vulnerability.path("cvss"));
        for (int i = 0; score == null && i < related.size(); i++) {
            score = v3Score(related.get(i).path("cvss"));
        }
        return score;
    }

    private static BigDecimal v3Score(JsonNode cvss) {
        BigDecimal any = null;
        for (JsonNode entry : cvss) {
            String version = JsonReports.text(entry, "version");
            if (version == null || !version.startsWith("3")) {
                continue;
            }
            BigDecimal score = JsonReports.number(entry.path("metrics"), "baseScore");
            if ("Primary".equals(JsonReports.text(entry, "type")) && score != null) {
                return score;
            }
            any = any == null ? score : any;
        }
        return any;
    }

    private static String ignoreReason(JsonNode rules) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode rule : rules) {
            String status = JsonReports.text(rule, "vex-status");
            String justification = JsonReports.text(rule, "vex-justification");
            String reason = JsonReports.text(rule, "reason");
            reasons.add(status != null ? "VEX " + status + (justification == null ? "" : " (" + justification + ")")
                    : reason != null ? reason : "grype ignore rule");
        }
        return reasons.isEmpty() ? "ignored by grype" : String.join("; ", reasons);
    }
}
