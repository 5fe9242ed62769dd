package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.InventoryUnreadableException;
import io.patchflow.inventory.PackageInput;
import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the components of a CycloneDX SBOM in XML, as {@link CycloneDxReader} reads JSON: every {@code component}
 * under {@code bom/components}, nested ones included, with a package URL of a known type; {@code metadata} is passed
 * over. A document type declaration is refused outright (no DTD, no entities), so entity expansion and external
 * entities cannot happen.
 */
public final class CycloneDxXmlReader {

    private static final XMLInputFactory FACTORY = secureFactory();

    private CycloneDxXmlReader() {
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /** A component being read: where it is, and its purl and version once seen. */
    private static final class Component {
        final String path;
        final int depth;
        int children;
        String purl;
        String version;

        Component(String path, int depth) {
            this.path = path;
            this.depth = depth;
        }
    }

    public static List<PackageInput> read(InputStream in, String os, InventoryLimits limits) {
        PackageList packages = new PackageList(os, limits.maxPackagesPerHost());
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(in);
            Deque<String> elements = new ArrayDeque<>();
            Deque<Component> components = new ArrayDeque<>();
            int topLevel = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new BadInputException(line(xml), "XML with a document type declaration or entities is "
                            + "refused");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    String parent = elements.peek();
                    if (elements.isEmpty() && !name.equals("bom")) {
                        throw new BadInputException("bom", "not a CycloneDX SBOM: the root element is <" + name
                                + ">, not <bom>");
                    }
                    Component owner = components.peek();
                    boolean inMetadata = elements.contains("metadata");
                    if (name.equals("component") && "components".equals(parent) && !inMetadata) {
                        String path = owner == null ? "components[" + topLevel++ + "]"
                                : owner.path + ".components[" + owner.children++ + "]";
                        components.push(new Component(path, elements.size()));
                    } else if (owner != null && owner.depth == elements.size() - 1
                            && (name.equals("purl") || name.equals("version"))) {
                        String text = xml.getElementText().strip();
                        if (name.equals("purl")) {
                            owner.purl = text;
                        } else {
                            owner.version = text;
                        }
                        continue;
                    }
                    elements.push(name);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    elements.pop();
                    Component owner = components.peek();
                    if (owner != null && owner.depth == elements.size() && xml.getLocalName().equals("component")) {
                        components.pop();
                        add(owner, packages);
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new InventoryUnreadableException(xml == null ? null : line(xml), "not well-formed XML: "
                    + e.getMessage());
        } finally {
            close(xml);
        }
        return packages.packages();
    }

    private static void add(Component component, PackageList packages) {
        if (component.purl == null || component.purl.isEmpty()) {
            return;
        }
        PackageUrl purl;
        try {
            purl = PackageUrl.parse(component.purl);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(component.path + ".purl", "'" + component.purl + "' is not a package URL: "
                    + e.getMessage());
        }
        PackageInput pkg = PurlPackages.toPackage(purl, component.purl, component.version);
        if (pkg != null) {
            packages.add(pkg, component.path, attribute -> component.path + "." + attribute);
        }
    }

    private static String line(XMLStreamReader xml) {
        return "line " + xml.getLocation().getLineNumber();
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // nothing was written; the stream itself is closed by its owner
            }
        }
    }
}
