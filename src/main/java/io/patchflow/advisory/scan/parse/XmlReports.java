package io.patchflow.advisory.scan.parse;

import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams through an XML report with the JDK's StAX parser, hardened: no DTD support, no external entities, and a
 * document that declares a DOCTYPE at all is refused before anything in it is expanded (billion laughs, XXE).
 * Parsers are handed each start element with the path of element names above it and read the elements they
 * want as a small {@link XmlNode} tree, one at a time.
 */
final class XmlReports {

    interface Handler {
        /**
         * Called at each start element, {@code path} holding the names from the root down to it. Answers true when it
         * has read the element to its end (with {@link XmlNode#read}), false to continue into its children.
         */
        boolean start(XMLStreamReader reader, Deque<String> path);
    }

    private XmlReports() {
    }

    private static XMLInputFactory secureFactory() {
        // The JDK's own implementation, whatever else is on the classpath: its limits (entity expansion, depth,
        // attribute counts) are on by default, and these properties are known to work on it.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    static void read(InputStream in, String format, Handler handler) {
        XMLStreamReader reader = null;
        try {
            // A factory per report: StAX does not promise that factories are safe to share between threads.
            reader = secureFactory().createXMLStreamReader(in);
            Deque<String> path = new ArrayDeque<>();
            boolean rootSeen = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new BadInputException(line(reader), "The " + format + " report declares a DOCTYPE at "
                            + line(reader) + ". Reports with document type declarations or entities are refused "
                            + "(they can expand without bound or read files from the server); scanners do not "
                            + "write them.");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    rootSeen = true;
                    path.addLast(reader.getLocalName());
                    if (handler.start(reader, path)) {
                        path.removeLast();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.removeLast();
                }
            }
            if (!rootSeen) {
                throw new BadInputException(null, "The " + format + " report is empty.");
            }
        } catch (XMLStreamException e) {
            throw malformed(format, e);
        } catch (XmlNode.XmlFailure e) {
            throw malformed(format, e.xml());
        } finally {
            close(reader);
        }
    }

    static BadInputException malformed(String format, XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.indexOf("Message: ");
        String reason = at >= 0 ? message.substring(at + "Message: ".length()).strip() : message.strip();
        if (e.getLocation() == null || e.getLocation().getLineNumber() < 0) {
            return new BadInputException(null, "The " + format + " report is not well-formed XML: " + reason);
        }
        String where = "line " + e.getLocation().getLineNumber();
        return new BadInputException(where, "The " + format + " report is not well-formed XML at " + where
                + ", column " + e.getLocation().getColumnNumber() + ": " + reason);
    }

    static String line(XMLStreamReader reader) {
        return "line " + reader.getLocation().getLineNumber();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Closing a reader that failed to parse tells nothing more.
            }
        }
    }
}
