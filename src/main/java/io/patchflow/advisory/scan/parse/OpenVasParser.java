package io.patchflow.advisory.scan.parse;

import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OpenVAS / Greenbone (GVM) XML reports ({@code <report>}, also inside {@code <get_reports_response>}). A network
 * scanner reports NVTs found on hosts, not packages, so: host = the result's host address; target = the port;
 * vulnerability id = the NVT's OID, aliases = its CVE references; package = the product of the detected CPE when
 * the result names one, else the NVT's name; installed and fixed version from the "Installed version:" and
 * "Fixed version:" lines GVM writes into the description; status = the NVT's {@code solution_type}.
 * Results of severity 0 (log level) are informational and not findings.
 */
final class OpenVasParser implements ReportParser {

    private static final Pattern INSTALLED = Pattern.compile("(?m)^\\s*Installed version\\s*:\\s*(\\S.*)$");
    private static final Pattern FIXED = Pattern.compile("(?m)^\\s*Fixed version\\s*:\\s*(\\S.*)$");
    private static final Pattern SOLUTION_TYPE = Pattern.compile("(?:^|\\|)solution_type=([^|]*)");

    @Override
    public void parse(InputStream report, ReportCollector out) {
        out.scanner("OpenVAS");
        XmlReports.read(report, "openvas", (reader, path) -> {
            if (path.size() == 1 && !List.of("report", "get_reports_response").contains(path.peekLast())) {
                throw new BadInputException(XmlReports.line(reader), "Not an OpenVAS/GVM report: the root element"
                        + " is <" + path.peekLast() + ">, expected <report> (export the report as XML).");
            }
            String parent = parent(path);
            if ("result".equals(path.peekLast()) && "results".equals(parent)) {
                result(XmlNode.read(reader), out);
                return true;
            }
            if ("host".equals(path.peekLast()) && "report".equals(parent)) {
                out.host(XmlNode.read(reader).childText("ip"));
                return true;
            }
            return false;
        });
    }

    private static String parent(Deque<String> path) {
        if (path.size() < 2) {
            return null;
        }
        var it = path.descendingIterator();
        it.next();
        return it.next();
    }

    private static void result(XmlNode result, ReportCollector out) {
        XmlNode hostNode = result.child("host");
        String host = hostNode == null ? null : Text.clean(hostNode.text());
        if (host == null) {
            throw new BadInputException(result.where(), "The result at " + result.where() + " names no host.");
        }
        out.host(host);
        XmlNode nvt = result.child("nvt");
        String oid = nvt == null ? null : Text.clean(nvt.attribute("oid"));
        if (oid == null) {
            throw new BadInputException(result.where(), "The result at " + result.where() + " has no NVT OID.");
        }
        BigDecimal score = Severities.parse(result.childText("severity"));
        String threat = result.childText("threat");
        if ((score != null && score.signum() <= 0) || "Log".equalsIgnoreCase(threat)
                || "Debug".equalsIgnoreCase(threat)) {
            out.countInformational();
            return;
        }
        String name = nvt.childText("name") != null ? nvt.childText("name") : result.childText("name");
        String description = result.childText("description");
        FindingBuilder finding = new FindingBuilder().host(host).target(result.childText("port"))
                .vulnerabilityId(oid).title(name)
                .packageName(product(result) != null ? product(result) : name)
                .installedVersion(Text.first(INSTALLED, description))
                .fixedVersion(Text.first(FIXED, description))
                .cvssScore(score != null ? score : Severities.parse(nvt.childText("cvss_base")))
                .status(Text.first(SOLUTION_TYPE, nvt.childText("tags")));
        finding.severity(threat != null ? threat : Severities.ofScore(score));
        XmlNode refs = nvt.child("refs");
        if (refs != null) {
            refs.children("ref").stream().filter(ref -> "cve".equalsIgnoreCase(ref.attribute("type")))
                    .forEach(ref -> finding.alias(ref.attribute("id")));
        }
        // GMP 7 and older list CVEs as text in <cve> ("NOCVE" when there are none).
        Text.cves(nvt.childText("cve")).forEach(finding::alias);
        out.add(finding.build());
    }

    /** The product of the CPE GVM detected for this result ({@code detection/result/details/detail}), if any. */
    private static String product(XmlNode result) {
        XmlNode details = result.at("detection", "result", "details");
        if (details == null) {
            return null;
        }
        for (XmlNode detail : details.children("detail")) {
            if ("product".equals(detail.childText("name"))) {
                return Text.cpeProduct(detail.childText("value"));
            }
        }
        return null;
    }
}
