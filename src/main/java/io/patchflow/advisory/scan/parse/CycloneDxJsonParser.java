package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** CycloneDX JSON 1.4 to 1.6 (SBOM with vulnerabilities, or a VEX document): see {@link CycloneDxBom}. */
final class CycloneDxJsonParser implements ReportParser {

    private final JsonReports json;

    CycloneDxJsonParser(JsonReports json) {
        this.json = json;
    }

    @Override
    public void parse(InputStream report, ReportCollector out) {
        CycloneDxBom bom = new CycloneDxBom();
        boolean[] recognised = new boolean[1];
        json.read(report, "cyclonedx", parser -> JsonReports.fields(parser, "", (name, pointer) -> {
            switch (name) {
                case "bomFormat" -> recognised[0] = "CycloneDX".equals(parser.getValueAsString());
                case "serialNumber" -> bom.serialNumber(parser.getValueAsString());
                case "metadata" -> metadata(json.tree(parser), bom, out);
                case "components" -> JsonReports.elements(parser, pointer, (index, componentPointer) ->
                        components(json.tree(parser), bom));
                case "vulnerabilities" -> JsonReports.elements(parser, pointer, (index, vulnPointer) ->
                        bom.vulnerability(vulnerability(json.tree(parser), vulnPointer)));
                default -> {
                    return false;
                }
            }
            return true;
        }));
        if (!recognised[0]) {
            throw new BadInputException("/bomFormat", "Not a CycloneDX BOM: 'bomFormat' must be \"CycloneDX\".");
        }
        bom.emit(out);
    }

    private static void metadata(JsonNode metadata, CycloneDxBom bom, ReportCollector out) {
        JsonNode subject = metadata.get("component");
        if (subject != null && subject.isObject()) {
            bom.subject(component(subject));
            components(subject.path("components"), bom);
        }
        JsonNode tools = metadata.path("tools");
        // 1.4 lists tools in an array; 1.5 and later put them under tools.components.
        JsonNode list = tools.isArray() ? tools : tools.path("components");
        for (JsonNode tool : list) {
            String name = JsonReports.text(tool, "name");
            String version = JsonReports.text(tool, "version");
            if (name != null) {
                out.scanner(version == null ? name : name + " " + version);
            }
        }
    }

    /** A component and those nested in it; an array of components is walked element by element. */
    private static void components(JsonNode node, CycloneDxBom bom) {
        if (node.isArray()) {
            node.forEach(child -> components(child, bom));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        bom.component(component(node));
        components(node.path("components"), bom);
    }

    private static CycloneDxBom.Component component(JsonNode node) {
        return new CycloneDxBom.Component(Text.clean(JsonReports.text(node, "bom-ref")),
                Text.clean(JsonReports.text(node, "group")), Text.clean(JsonReports.text(node, "name")),
                Text.clean(JsonReports.text(node, "version")), Text.clean(JsonReports.text(node, "purl")));
    }

    private static CycloneDxBom.Vulnerability vulnerability(JsonNode v, String pointer) {
        String id = JsonReports.required(v, "id", pointer);
        List<String> references = new ArrayList<>();
        v.path("references").forEach(ref -> references.add(JsonReports.text(ref, "id")));
        List<CycloneDxBom.Rating> ratings = new ArrayList<>();
        v.path("ratings").forEach(r -> ratings.add(new CycloneDxBom.Rating(JsonReports.number(r, "score"),
                JsonReports.text(r, "severity"), JsonReports.text(r, "method"))));
        String fixed = null;
        for (JsonNode property : v.path("properties")) {
            if ("grype:fixed_versions".equals(JsonReports.text(property, "name"))) {
                fixed = firstOfList(JsonReports.text(property, "value"));
            }
        }
        List<String> affects = new ArrayList<>();
        JsonNode affectsNode = JsonReports.array(v, "affects", pointer);
        for (int i = 0; i < affectsNode.size(); i++) {
            affects.add(JsonReports.required(affectsNode.get(i), "ref",
                    JsonReports.pointer(JsonReports.pointer(pointer, "affects"), String.valueOf(i))));
        }
        JsonNode analysis = v.path("analysis");
        String title = Text.firstLine(JsonReports.text(v, "description"));
        return new CycloneDxBom.Vulnerability(pointer, id, references, ratings,
                title != null ? title : Text.firstLine(JsonReports.text(v, "detail")), fixed,
                Text.clean(JsonReports.text(analysis, "state")), Text.clean(JsonReports.text(analysis,
                        "justification")), Text.clean(JsonReports.text(analysis, "detail")), affects);
    }

    /** Grype writes several fixed versions comma separated; the first is the one in the same release line. */
    static String firstOfList(String value) {
        String clean = Text.clean(value);
        return clean == null ? null : Text.clean(clean.split(",")[0]);
    }
}
