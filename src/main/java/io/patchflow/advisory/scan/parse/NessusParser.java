package io.patchflow.advisory.scan.parse;

import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Nessus v2 ({@code .nessus}, root {@code <NessusClientData_v2>}). A network scanner reports plugins that fired on
 * hosts, so: host = the {@code ReportHost} name (the address or name as scanned); target = port/protocol and
 * service; vulnerability id = the plugin id, aliases = its {@code <cve>} elements; package = the product of the
 * plugin's first {@code <cpe>} when it names one (e.g. {@code cpe:/a:php:php} gives {@code php}), else the plugin
 * name; installed and fixed version from the "Installed version :" and "Fixed version :" lines of the plugin
 * output; CVSS = {@code cvss3_base_score}, else {@code cvss_base_score}. Items of severity 0 are informational
 * (scan information, service detection) and not findings.
 */
final class NessusParser implements ReportParser {

    private static final Pattern INSTALLED = Pattern.compile("(?m)^\\s*Installed version\\s*:\\s*(\\S.*)$");
    private static final Pattern FIXED = Pattern.compile("(?m)^\\s*Fixed version\\s*:\\s*(\\S.*)$");
    private static final String[] SEVERITIES = {"NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

    @Override
    public void parse(InputStream report, ReportCollector out) {
        out.scanner("Nessus");
        String[] host = new String[1];
        XmlReports.read(report, "nessus", (reader, path) -> {
            String element = path.peekLast();
            if (path.size() == 1 && !"NessusClientData_v2".equals(element)) {
                throw new BadInputException(XmlReports.line(reader), "Not a Nessus v2 report: the root element is <"
                        + element + ">, expected <NessusClientData_v2> (export as .nessus).");
            }
            if ("ReportHost".equals(element)) {
                host[0] = Text.clean(reader.getAttributeValue(null, "name"));
                if (host[0] == null) {
                    throw new BadInputException(XmlReports.line(reader), "The ReportHost at "
                            + XmlReports.line(reader) + " has no name.");
                }
                out.host(host[0]);
                return false;
            }
            if ("ReportItem".equals(element) && host[0] != null) {
                item(XmlNode.read(reader), host[0], out);
                return true;
            }
            return false;
        });
    }

    private static void item(XmlNode item, String host, ReportCollector out) {
        String pluginId = Text.clean(item.attribute("pluginID"));
        if (pluginId == null) {
            throw new BadInputException(item.where(), "The ReportItem at " + item.where() + " has no pluginID.");
        }
        int severity = severity(item);
        if (severity == 0) {
            out.countInformational();
            return;
        }
        String name = Text.clean(item.attribute("pluginName"));
        if (name == null) {
            name = item.childText("plugin_name");
        }
        String output = item.childText("plugin_output");
        BigDecimal score = Severities.parse(item.childText("cvss3_base_score"));
        String product = Text.cpeProduct(item.childText("cpe"));
        String riskFactor = item.childText("risk_factor");
        FindingBuilder finding = new FindingBuilder().host(host).target(target(item)).vulnerabilityId(pluginId)
                .title(name).packageName(product != null ? product : name)
                .installedVersion(Text.first(INSTALLED, output)).fixedVersion(Text.first(FIXED, output))
                .cvssScore(score != null ? score : Severities.parse(item.childText("cvss_base_score")))
                .severity(riskFactor != null && !"None".equalsIgnoreCase(riskFactor) ? riskFactor
                        : SEVERITIES[severity]);
        item.children("cve").forEach(cve -> finding.alias(cve.text()));
        out.add(finding.build());
    }

    private static int severity(XmlNode item) {
        String value = Text.clean(item.attribute("severity"));
        try {
            int severity = value == null ? 0 : Integer.parseInt(value);
            if (severity < 0 || severity > 4) {
                throw new NumberFormatException();
            }
            return severity;
        } catch (NumberFormatException e) {
            throw new BadInputException(item.where(), "The ReportItem at " + item.where() + " has severity '"
                    + value + "'; Nessus writes 0 to 4.");
        }
    }

    private static String target(XmlNode item) {
        String port = Text.clean(item.attribute("port"));
        String protocol = Text.clean(item.attribute("protocol"));
        String service = Text.clean(item.attribute("svc_name"));
        if (port == null) {
            return service;
        }
        return port + (protocol == null ? "" : "/" + protocol) + (service == null ? "" : " (" + service + ")");
    }
}
