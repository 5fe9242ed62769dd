package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Trivy JSON: schema 2 (an object with {@code ArtifactName} and {@code Results}) and the legacy form (a bare array
 * of results). Host = {@code ArtifactName} (the image or path scanned), or each result's {@code Target} in the
 * legacy form; target = the result's {@code Target}; ecosystem = the result's {@code Type}. A vulnerability whose
 * {@code Status} is {@code not_affected} (Trivy applied a VEX statement) is suppressed.
 */
final class TrivyParser implements ReportParser {

    private final JsonReports json;

    TrivyParser(JsonReports json) {
        this.json = json;
    }

    @Override
    public void parse(InputStream report, ReportCollector out) {
        out.scanner("Trivy");
        List<FindingBuilder> found = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        String[] artifact = new String[1];
        json.read(report, "trivy", parser -> {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                results(parser, "", found, targets);
                return;
            }
            boolean[] recognised = new boolean[1];
            JsonReports.fields(parser, "", (name, pointer) -> {
                switch (name) {
                    case "SchemaVersion" -> recognised[0] = true;
                    case "ArtifactName" -> {
                        artifact[0] = parser.getValueAsString();
                        recognised[0] = true;
                    }
                    case "Results" -> {
                        results(parser, pointer, found, targets);
                        recognised[0] = true;
                        return true;
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            });
            if (!recognised[0]) {
                throw new BadInputException(null, "Not a Trivy report: the object has no SchemaVersion, "
                        + "ArtifactName or Results (run trivy with --format json).");
            }
        });
        String host = Text.clean(artifact[0]);
        if (host != null) {
            out.host(host);
        } else {
            targets.forEach(out::host);
        }
        for (FindingBuilder finding : found) {
            if (host != null) {
                finding.host(host);
            }
            out.add(finding.build());
        }
    }

    /**
     * Each result field by field and its vulnerabilities one at a time: an image's OS packages are one result with
     * thousands of vulnerabilities, which should not become one tree.
     */
    private void results(JsonParser parser, String pointer, List<FindingBuilder> found, List<String> targets)
            throws IOException {
        JsonReports.elements(parser, pointer, (index, resultPointer) -> {
            String[] target = new String[1];
            String[] type = new String[1];
            List<FindingBuilder> inResult = new ArrayList<>();
            JsonReports.fields(parser, resultPointer, (name, fieldPointer) -> {
                switch (name) {
                    case "Target" -> target[0] = Text.clean(parser.getValueAsString());
                    case "Type" -> type[0] = parser.getValueAsString();
                    case "Vulnerabilities" -> JsonReports.elements(parser, fieldPointer, (i, vulnPointer) ->
                            inResult.add(finding(json.tree(parser), vulnPointer)));
                    default -> {
                        return false;
                    }
                }
                return true;
            });
            if (target[0] == null) {
                throw new BadInputException(JsonReports.pointer(resultPointer, "Target"),
                        "'Target' is missing or empty");
            }
            targets.add(target[0]);
            for (FindingBuilder finding : inResult) {
                found.add(finding.host(target[0]).target(target[0]).ecosystem(type[0]));
            }
        });
    }

    private static FindingBuilder finding(JsonNode v, String pointer) {
        if (!v.isObject()) {
            throw new BadInputException(pointer, "expected a vulnerability object here");
        }
        FindingBuilder finding = new FindingBuilder()
                .vulnerabilityId(JsonReports.required(v, "VulnerabilityID", pointer))
                .packageName(JsonReports.required(v, "PkgName", pointer))
                .installedVersion(JsonReports.text(v, "InstalledVersion"))
                .fixedVersion(JsonReports.text(v, "FixedVersion"))
                .purl(JsonReports.text(v.path("PkgIdentifier"), "PURL"))
                .severity(JsonReports.text(v, "Severity"))
                .cvssScore(cvss(v.path("CVSS"), JsonReports.text(v, "SeveritySource")))
                .title(title(v))
                .status(JsonReports.text(v, "Status"));
        v.path("VendorIDs").forEach(id -> finding.alias(id.asText()));
        if ("not_affected".equals(JsonReports.text(v, "Status"))) {
            finding.suppressed("Trivy status not_affected");
        }
        return finding;
    }

    /** The CVSS v3 score of the source Trivy took the severity from, else NVD's, else any source's. */
    private static BigDecimal cvss(JsonNode cvss, String severitySource) {
        BigDecimal score = severitySource == null ? null : JsonReports.number(cvss.path(severitySource), "V3Score");
        if (score == null) {
            score = JsonReports.number(cvss.path("nvd"), "V3Score");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = cvss.fields(); score == null && it.hasNext(); ) {
            score = JsonReports.number(it.next().getValue(), "V3Score");
        }
        return score;
    }

    /** Trivy's title, or the first line of the description when older Trivy versions left the title out. */
    private static String title(JsonNode v) {
        String title = Text.clean(JsonReports.text(v, "Title"));
        return title != null ? title : Text.firstLine(JsonReports.text(v, "Description"));
    }
}
