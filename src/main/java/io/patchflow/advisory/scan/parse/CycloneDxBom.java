package io.patchflow.advisory.scan.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Patchflow takes from a CycloneDX 1.4 to 1.6 BOM, JSON or XML alike: components by {@code bom-ref} and
 * vulnerabilities with the refs they affect. Vulnerabilities may come before the components they name, so both
 * are gathered (reduced) and joined at the end. One finding per affected component. A vulnerability whose VEX
 * {@code analysis.state} is {@code not_affected} or {@code false_positive} is kept as suppressed, with the
 * justification as reason.
 */
final class CycloneDxBom {

    record Component(String bomRef, String group, String name, String version, String purl) {
    }

    record Rating(BigDecimal score, String severity, String method) {
    }

    record Vulnerability(String where, String id, List<String> references, List<Rating> ratings, String title,
            String fixedVersion, String state, String justification, String detail, List<String> affects) {
    }

    private final Map<String, Component> components = new HashMap<>();
    private final List<Vulnerability> vulnerabilities = new ArrayList<>();
    private String host;
    private String serialNumber;

    void component(Component component) {
        if (component.bomRef() != null) {
            components.putIfAbsent(component.bomRef(), component);
        }
    }

    /** The BOM's subject ({@code metadata.component}): its name is the host or target of every finding. */
    void subject(Component subject) {
        component(subject);
        if (subject.name() != null) {
            host = subject.version() == null ? subject.name() : subject.name() + "@" + subject.version();
        }
    }

    void serialNumber(String serial) {
        serialNumber = Text.clean(serial);
    }

    void vulnerability(Vulnerability vulnerability) {
        vulnerabilities.add(vulnerability);
    }

    void emit(ReportCollector out) {
        String name = host != null ? host : serialNumber != null ? serialNumber : "CycloneDX BOM";
        out.host(name);
        for (Vulnerability v : vulnerabilities) {
            if (v.affects().isEmpty()) {
                // No affects: the vulnerability is reported against the BOM's subject as a whole.
                out.add(finding(name, v, new Component(null, null, null, null, null)).build());
            }
            for (String ref : v.affects()) {
                out.add(finding(name, v, resolve(ref)).build());
            }
        }
    }

    private static FindingBuilder finding(String host, Vulnerability v, Component component) {
        FindingBuilder finding = new FindingBuilder().host(host).target(component.bomRef())
                .vulnerabilityId(v.id()).title(v.title()).fixedVersion(v.fixedVersion()).status(v.state())
                .packageName(packageName(component)).installedVersion(component.version())
                .purl(component.purl()).ecosystem(purlType(component.purl()));
        v.references().forEach(finding::alias);
        Rating best = best(v.ratings());
        finding.cvssScore(best == null ? null : best.score());
        String severity = v.ratings().stream().map(Rating::severity).filter(s -> s != null).findFirst()
                .orElse(best == null ? null : Severities.ofScore(best.score()));
        finding.severity(severity);
        if ("not_affected".equals(v.state()) || "false_positive".equals(v.state())) {
            String reason = "VEX " + v.state() + (v.justification() == null ? "" : " (" + v.justification() + ")")
                    + (v.detail() == null ? "" : ": " + v.detail());
            finding.suppressed(reason);
        }
        return finding;
    }

    /** The CVSS v3.x score if there is one, else v4, else any scored rating. */
    private static Rating best(List<Rating> ratings) {
        Rating chosen = null;
        int chosenRank = Integer.MAX_VALUE;
        for (Rating rating : ratings) {
            if (rating.score() == null) {
                continue;
            }
            String method = rating.method() == null ? "" : rating.method().toUpperCase(Locale.ROOT);
            int rank = method.startsWith("CVSSV3") ? 0 : method.equals("CVSSV4") ? 1 : method.startsWith("CVSS")
                    ? 3 : 2;
            if (rank < chosenRank) {
                chosen = rating;
                chosenRank = rank;
            }
        }
        return chosen;
    }

    /** The component a ref names: a bom-ref, a BOM-Link ({@code urn:cdx:...#bom-ref}) or, in a VEX, a purl. */
    private Component resolve(String ref) {
        Component component = components.get(ref);
        if (component == null && ref.startsWith("urn:cdx:") && ref.contains("#")) {
            component = components.get(ref.substring(ref.indexOf('#') + 1));
        }
        if (component != null) {
            return component;
        }
        if (ref.startsWith("pkg:")) {
            return fromPurl(ref);
        }
        return new Component(ref, null, ref, null, null);
    }

    /** Name and version out of a purl: {@code pkg:maven/org.apache/log4j-core@2.13.2?x=y} (qualifiers dropped). */
    static Component fromPurl(String purl) {
        String body = purl.substring(4);
        int cut = indexOfAny(body, '?', '#');
        if (cut >= 0) {
            body = body.substring(0, cut);
        }
        String version = null;
        int at = body.lastIndexOf('@');
        if (at > body.lastIndexOf('/')) {
            version = decode(body.substring(at + 1));
            body = body.substring(0, at);
        }
        String[] segments = body.split("/");
        String name = decode(segments[segments.length - 1]);
        String group = segments.length > 2 ? decode(String.join("/",
                java.util.Arrays.copyOfRange(segments, 1, segments.length - 1))) : null;
        return new Component(purl, group, name, version, purl);
    }

    /**
     * Maven packages as {@code group:artifact} (as Trivy and the inventory name them), others as
     * {@code namespace/name} ({@code @angular/core}); the group comes from the purl when the component gives none.
     */
    private static String packageName(Component component) {
        String group = component.group();
        if (group == null && component.purl() != null && component.purl().startsWith("pkg:")) {
            group = fromPurl(component.purl()).group();
        }
        if (group == null || component.name() == null) {
            return component.name();
        }
        return "maven".equals(purlType(component.purl())) ? group + ":" + component.name()
                : group + "/" + component.name();
    }

    private static String purlType(String purl) {
        if (purl == null || !purl.startsWith("pkg:") || purl.indexOf('/') < 0) {
            return null;
        }
        return purl.substring(4, purl.indexOf('/')).toLowerCase(Locale.ROOT);
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
