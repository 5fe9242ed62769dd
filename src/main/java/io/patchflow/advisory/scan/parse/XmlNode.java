package io.patchflow.advisory.scan.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** One element of an XML report read as a small tree (local names, no namespaces): a result, an item, a host. */
final class XmlNode {

    private final String name;
    private final int line;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private XmlNode(String name, int line) {
        this.name = name;
        this.line = line;
    }

    /** Reads the element the reader is on (a start element) up to and including its end element. */
    static XmlNode read(XMLStreamReader reader) {
        try {
            XmlNode node = new XmlNode(reader.getLocalName(), reader.getLocation().getLineNumber());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                node.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> node.children.add(read(reader));
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            node.text.append(reader.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        return node;
                    }
                    default -> {
                        // Comments and processing instructions carry nothing a finding needs.
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new XmlFailure(e);
        }
    }

    /** Lets {@link #read} be called where a checked exception cannot pass; unwrapped by the parser's caller. */
    static final class XmlFailure extends RuntimeException {
        XmlFailure(XMLStreamException cause) {
            super(cause);
        }

        XMLStreamException xml() {
            return (XMLStreamException) getCause();
        }
    }

    String name() {
        return name;
    }

    /** "line N" where the element starts: how a 400 names the place. */
    String where() {
        return "line " + line;
    }

    String attribute(String attribute) {
        return attributes.get(attribute);
    }

    String text() {
        return text.toString();
    }

    XmlNode child(String childName) {
        for (XmlNode child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    List<XmlNode> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    List<XmlNode> children() {
        return children;
    }

    /** The text of the first child of that name, cleaned; null when there is no such child or it is empty. */
    String childText(String childName) {
        XmlNode child = child(childName);
        return child == null ? null : Text.clean(child.text());
    }

    /** The node at a path of child names, or null. */
    XmlNode at(String... names) {
        XmlNode node = this;
        for (String n : names) {
            node = node == null ? null : node.child(n);
        }
        return node;
    }
}
