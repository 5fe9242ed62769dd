package io.patchflow.advisory.scan.parse;

import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** CycloneDX XML 1.4 to 1.6 (root {@code <bom>}, any of the schema namespaces): see {@link CycloneDxBom}. */
final class CycloneDxXmlParser implements ReportParser {

    @Override
    public void parse(InputStream report, ReportCollector out) {
        CycloneDxBom bom = new CycloneDxBom();
        XmlReports.read(report, "cyclonedx", (reader, path) -> {
            String element = path.peekLast();
            if (path.size() == 1) {
                String namespace = reader.getNamespaceURI();
                if (!"bom".equals(element) || namespace == null || !namespace.startsWith("http://cyclonedx.org/")) {
                    throw new BadInputException(XmlReports.line(reader), "Not a CycloneDX BOM: the root element is <"
                            + element + "> in namespace '" + namespace + "', expected <bom> in "
                            + "http://cyclonedx.org/schema/bom/1.x.");
                }
                bom.serialNumber(reader.getAttributeValue(null, "serialNumber"));
                return false;
            }
            if (path.size() == 2 && "metadata".equals(element)) {
                metadata(XmlNode.read(reader), bom, out);
                return true;
            }
            if (path.size() == 3 && "component".equals(element)) {
                components(XmlNode.read(reader), bom);
                return true;
            }
            if (path.size() == 3 && "vulnerability".equals(element)) {
                bom.vulnerability(vulnerability(XmlNode.read(reader)));
                return true;
            }
            return false;
        });
        bom.emit(out);
    }

    private static void metadata(XmlNode metadata, CycloneDxBom bom, ReportCollector out) {
        XmlNode subject = metadata.child("component");
        if (subject != null) {
            bom.subject(component(subject));
            nested(subject, bom);
        }
        XmlNode tools = metadata.child("tools");
        if (tools != null) {
            List<XmlNode> list = new ArrayList<>(tools.children("tool"));
            XmlNode components = tools.child("components");
            if (components != null) {
                list.addAll(components.children("component"));
            }
            for (XmlNode tool : list) {
                String name = tool.childText("name");
                String version = tool.childText("version");
                if (name != null) {
                    out.scanner(version == null ? name : name + " " + version);
                }
            }
        }
    }

    private static void components(XmlNode component, CycloneDxBom bom) {
        bom.component(component(component));
        nested(component, bom);
    }

    private static void nested(XmlNode component, CycloneDxBom bom) {
        XmlNode children = component.child("components");
        if (children != null) {
            children.children("component").forEach(child -> components(child, bom));
        }
    }

    private static CycloneDxBom.Component component(XmlNode node) {
        return new CycloneDxBom.Component(Text.clean(node.attribute("bom-ref")), node.childText("group"),
                node.childText("name"), node.childText("version"), node.childText("purl"));
    }

    private static CycloneDxBom.Vulnerability vulnerability(XmlNode v) {
        String id = v.childText("id");
        if (id == null) {
            throw new BadInputException(v.where(), "The vulnerability at " + v.where() + " has no <id>.");
        }
        List<String> references = new ArrayList<>();
        XmlNode refs = v.child("references");
        if (refs != null) {
            refs.children("reference").forEach(ref -> references.add(ref.childText("id")));
        }
        List<CycloneDxBom.Rating> ratings = new ArrayList<>();
        XmlNode ratingsNode = v.child("ratings");
        if (ratingsNode != null) {
            ratingsNode.children("rating").forEach(r -> ratings.add(new CycloneDxBom.Rating(
                    Severities.parse(r.childText("score")), r.childText("severity"), r.childText("method"))));
        }
        String fixed = null;
        XmlNode properties = v.child("properties");
        if (properties != null) {
            for (XmlNode property : properties.children("property")) {
                if ("grype:fixed_versions".equals(property.attribute("name"))) {
                    fixed = CycloneDxJsonParser.firstOfList(property.text());
                }
            }
        }
        List<String> affects = new ArrayList<>();
        XmlNode affectsNode = v.child("affects");
        if (affectsNode != null) {
            for (XmlNode target : affectsNode.children("target")) {
                String ref = target.childText("ref");
                if (ref == null) {
                    throw new BadInputException(target.where(), "The affects target at " + target.where()
                            + " has no <ref>.");
                }
                affects.add(ref);
            }
        }
        XmlNode analysis = v.child("analysis");
        String title = Text.firstLine(v.childText("description"));
        return new CycloneDxBom.Vulnerability(v.where(), id, references, ratings,
                title != null ? title : Text.firstLine(v.childText("detail")), fixed,
                analysis == null ? null : analysis.childText("state"),
                analysis == null ? null : analysis.childText("justification"),
                analysis == null ? null : analysis.childText("detail"), affects);
    }
}
