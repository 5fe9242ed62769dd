package io.patchflow.advisory.scan.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.shared.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * Picks the parser for a report format. Whether the body is JSON or XML is told by its first non-blank byte, so
 * CycloneDX is read in either encoding, and a JSON report posted as {@code format=nessus} (or the reverse) is a
 * clear 400 rather than a confusing syntax error.
 */
@Component
public class ReportParsers {

    private static final int PEEK = 64 * 1024;

    private final JsonReports json;

    public ReportParsers(ObjectMapper mapper) {
        this.json = new JsonReports(mapper);
    }

    /**
     * Reads the whole report.
     *
     * @param hostOverride the host all findings are about when the caller knows better than the report; or null
     */
    public ReportCollector parse(ScanFormat format, InputStream report, String hostOverride) {
        BufferedInputStream in = new BufferedInputStream(report);
        char first = firstNonBlank(in);
        boolean xml = first == '<';
        boolean jsonBody = first == '{' || first == '[';
        if (!xml && !jsonBody) {
            throw new BadInputException(null, first == 0 ? "The " + format.key() + " report is empty."
                    : "The body is neither JSON nor XML (it starts with '" + first + "'); expected a "
                    + format.key() + " report as the scanner writes it.");
        }
        ReportParser parser = switch (format) {
            case TRIVY -> expectJson(format, xml, new TrivyParser(json));
            case GRYPE -> expectJson(format, xml, new GrypeParser(json));
            case OSV_SCANNER -> expectJson(format, xml, new OsvScannerParser(json));
            case SARIF -> expectJson(format, xml, new SarifParser(json));
            case OPENVAS -> expectXml(format, xml, new OpenVasParser());
            case NESSUS -> expectXml(format, xml, new NessusParser());
            case CYCLONEDX -> xml ? new CycloneDxXmlParser() : new CycloneDxJsonParser(json);
        };
        ReportCollector collector = new ReportCollector(hostOverride);
        parser.parse(in, collector);
        return collector;
    }

    private static ReportParser expectJson(ScanFormat format, boolean xml, ReportParser parser) {
        if (xml) {
            throw new BadInputException("format", "A " + format.key() + " report is JSON, but the body is XML. "
                    + "Check the format parameter, or export the report as JSON.");
        }
        return parser;
    }

    private static ReportParser expectXml(ScanFormat format, boolean xml, ReportParser parser) {
        if (!xml) {
            throw new BadInputException("format", "A " + format.key() + " report is XML, but the body is JSON. "
                    + "Check the format parameter, or export the report as XML.");
        }
        return parser;
    }

    /** The first byte that is not whitespace or a UTF-8 byte order mark, leaving the stream where it was. */
    private static char firstNonBlank(BufferedInputStream in) {
        try {
            in.mark(PEEK);
            try {
                for (int i = 0; i < PEEK; i++) {
                    int b = in.read();
                    if (b < 0) {
                        return 0;
                    }
                    boolean blank = b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB
                            || b == 0xBF;
                    if (!blank) {
                        return (char) b;
                    }
                }
                return 0;
            } finally {
                in.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
