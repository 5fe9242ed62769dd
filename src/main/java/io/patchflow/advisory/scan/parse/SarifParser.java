package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SARIF 2.1 from dependency scanners (Trivy, Grype, OWASP Dependency-Check...). SARIF knows rules, results and
 * artifact locations, not packages, so: vulnerability id = the rule id; host and target = the result's first
 * artifact location (a file or image path); package and version from a purl among the artifact's properties
 * (Dependency-Check) or from the result message ("Package: x / Installed Version: y" as Trivy writes it, "package:
 * x, version y" as Grype does); severity from the result's or rule's properties ({@code severity},
 * {@code security-severity}, {@code cvssv3_baseScore}); title = the rule's short description or the message's first
 * line; status = the SARIF level. Each run is joined to its artifacts and rules when it ends.
 */
final class SarifParser implements ReportParser {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*Package:\\s*(\\S.*)$");
    private static final Pattern INSTALLED = Pattern.compile("(?m)^\\s*Installed Version:\\s*(\\S.*)$");
    private static final Pattern FIXED = Pattern.compile("(?m)^\\s*Fixed Version:\\s*(\\S.*)$");
    private static final Pattern GRYPE_PACKAGE = Pattern.compile("package: ([^,\\s]+), version ([^\\s]+)");

    private final JsonReports json;

    SarifParser(JsonReports json) {
        this.json = json;
    }

    private record Artifact(String uri, String purl) {
    }

    private record Rule(String id, String title, BigDecimal score, String severity) {
    }

    private record Result(String pointer, String ruleId, int ruleIndex, String message, String level,
            String severity, BigDecimal score, String uri, int artifactIndex) {
    }

    private static final class Run {
        final List<Artifact> artifacts = new ArrayList<>();
        final Map<String, Rule> rulesById = new HashMap<>();
        final List<Rule> rules = new ArrayList<>();
        final List<Result> results = new ArrayList<>();
    }

    @Override
    public void parse(InputStream report, ReportCollector out) {
        boolean[] recognised = new boolean[1];
        json.read(report, "sarif", parser -> JsonReports.fields(parser, "", (name, pointer) -> {
            if (!name.equals("runs")) {
                return false;
            }
            recognised[0] = true;
            JsonReports.elements(parser, pointer, (index, runPointer) -> run(parser, runPointer, out));
            return true;
        }));
        if (!recognised[0]) {
            throw new BadInputException(null, "Not a SARIF log: there is no 'runs' array.");
        }
    }

    private void run(JsonParser parser, String pointer, ReportCollector out) throws IOException {
        Run run = new Run();
        JsonReports.fields(parser, pointer, (name, fieldPointer) -> {
            switch (name) {
                case "tool" -> tool(json.tree(parser), run, out);
                case "artifacts" -> JsonReports.elements(parser, fieldPointer, (i, p) ->
                        run.artifacts.add(artifact(json.tree(parser))));
                case "results" -> JsonReports.elements(parser, fieldPointer, (i, p) ->
                        run.results.add(result(json.tree(parser), p)));
                default -> {
                    return false;
                }
            }
            return true;
        });
        for (Result result : run.results) {
            out.add(finding(result, run));
        }
    }

    private static void tool(JsonNode tool, Run run, ReportCollector out) {
        JsonNode driver = tool.path("driver");
        String name = JsonReports.text(driver, "name");
        String version = JsonReports.text(driver, "version");
        if (name != null) {
            out.scanner(version == null ? name : name + " " + version);
        }
        for (JsonNode rule : driver.path("rules")) {
            JsonNode properties = rule.path("properties");
            String title = JsonReports.text(rule.path("shortDescription"), "text");
            String id = Text.clean(JsonReports.text(rule, "id"));
            Rule reduced = new Rule(id, Text.clean(title != null ? title : JsonReports.text(rule, "name")),
                    JsonReports.number(properties, "security-severity"), JsonReports.text(properties, "severity"));
            run.rules.add(reduced);
            if (id != null) {
                run.rulesById.put(id, reduced);
            }
        }
    }

    private static Artifact artifact(JsonNode artifact) {
        String purl = null;
        for (Iterator<JsonNode> it = artifact.path("properties").elements(); purl == null && it.hasNext(); ) {
            JsonNode value = it.next();
            if (value.isTextual() && value.asText().startsWith("pkg:")) {
                purl = value.asText();
            }
        }
        return new Artifact(Text.clean(JsonReports.text(artifact.path("location"), "uri")), purl);
    }

    private static Result result(JsonNode result, String pointer) {
        JsonNode properties = result.path("properties");
        JsonNode location = result.path("locations").path(0).path("physicalLocation").path("artifactLocation");
        BigDecimal score = JsonReports.number(properties, "cvssv3_baseScore");
        if (score == null) {
            score = JsonReports.number(properties, "security-severity");
        }
        String severity = JsonReports.text(properties, "severity");
        if (severity == null) {
            severity = JsonReports.text(properties, "cvssv3_baseSeverity");
        }
        String ruleId = Text.clean(JsonReports.text(result, "ruleId"));
        if (ruleId == null) {
            ruleId = Text.clean(JsonReports.text(result.path("rule"), "id"));
        }
        int ruleIndex = result.path("ruleIndex").asInt(result.path("rule").path("index").asInt(-1));
        return new Result(pointer, ruleId, ruleIndex,
                Text.clean(JsonReports.text(result.path("message"), "text")), JsonReports.text(result, "level"),
                severity, score, Text.clean(JsonReports.text(location, "uri")), location.path("index").asInt(-1));
    }

    private static ScannedFinding finding(Result result, Run run) {
        Rule rule = result.ruleId() != null ? run.rulesById.get(result.ruleId()) : null;
        if (rule == null && result.ruleIndex() >= 0 && result.ruleIndex() < run.rules.size()) {
            rule = run.rules.get(result.ruleIndex());
        }
        String ruleId = result.ruleId() != null ? result.ruleId() : rule == null ? null : rule.id();
        if (ruleId == null) {
            throw new BadInputException(JsonReports.pointer(result.pointer(), "ruleId"), "The result names no rule "
                    + "(ruleId, rule.id or the ruleIndex of a rule with an id), so there is no vulnerability id.");
        }
        Artifact artifact = result.artifactIndex() >= 0 && result.artifactIndex() < run.artifacts.size()
                ? run.artifacts.get(result.artifactIndex()) : null;
        String uri = result.uri() != null ? result.uri() : artifact != null ? artifact.uri() : null;
        String host = uri != null ? uri : "SARIF results without location";
        FindingBuilder finding = new FindingBuilder().host(host).target(uri).vulnerabilityId(ruleId)
                .status(result.level());
        packageOf(finding, artifact, result.message());
        BigDecimal score = result.score() != null ? result.score() : rule == null ? null : rule.score();
        finding.cvssScore(score);
        String severity = result.severity() != null ? result.severity() : rule == null ? null : rule.severity();
        finding.severity(severity != null ? severity : Severities.ofScore(score));
        String title = rule != null && rule.title() != null ? rule.title() : Text.firstLine(result.message());
        finding.title(title);
        Text.cves(ruleId + " " + (title == null ? "" : title)).forEach(finding::alias);
        return finding.build();
    }

    private static void packageOf(FindingBuilder finding, Artifact artifact, String message) {
        if (artifact != null && artifact.purl() != null) {
            CycloneDxBom.Component component = CycloneDxBom.fromPurl(artifact.purl());
            finding.packageName(component.name()).installedVersion(component.version()).purl(artifact.purl());
            return;
        }
        String name = Text.first(PACKAGE, message);
        if (name != null) {
            finding.packageName(name).installedVersion(Text.first(INSTALLED, message))
                    .fixedVersion(Text.first(FIXED, message));
            return;
        }
        var grype = message == null ? null : GRYPE_PACKAGE.matcher(message);
        if (grype != null && grype.find()) {
            finding.packageName(grype.group(1)).installedVersion(grype.group(2));
        }
    }
}
