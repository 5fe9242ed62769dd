package io.patchflow.advisory.scan.parse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a parser found in one report: the hosts (or targets) it covers, its findings with duplicates folded into
 * the first one reported, and how many entries were informational only. Holds the reduced findings, never the
 * report's tree, so memory grows with the number of findings rather than with the size of the file.
 */
public final class ReportCollector {

    private final String hostOverride;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Map<String, ScannedFinding> findings = new LinkedHashMap<>();
    private String scanner;
    private int duplicates;
    private int informational;

    /** @param hostOverride the host every finding is about, when the caller names it; null to take the report's */
    public ReportCollector(String hostOverride) {
        this.hostOverride = Text.clean(hostOverride);
    }

    /** The tool that wrote the report, e.g. {@code Trivy} or {@code grype 0.41.0}; the first one named wins. */
    void scanner(String name) {
        if (scanner == null) {
            scanner = Text.clean(name);
        }
    }

    /** A host or target the report covers, whether or not anything was found on it. */
    void host(String host) {
        String clean = Text.clean(host);
        if (hostOverride != null) {
            hosts.add(hostOverride);
        } else if (clean != null) {
            hosts.add(clean);
        }
    }

    void add(ScannedFinding finding) {
        ScannedFinding placed = hostOverride == null ? finding : finding.onHost(hostOverride,
                finding.target() != null ? finding.target() : finding.host());
        hosts.add(placed.host());
        if (findings.putIfAbsent(placed.identity(), placed) != null) {
            duplicates++;
        }
    }

    /** An entry that reports no vulnerability (Nessus severity 0, an OpenVAS log result): counted, not stored. */
    void countInformational() {
        informational++;
    }

    public String scanner() {
        return scanner;
    }

    public Set<String> hosts() {
        return hosts;
    }

    /** Distinct findings in report order, suppressed ones included. */
    public Collection<ScannedFinding> findings() {
        return findings.values();
    }

    public long suppressed() {
        return findings.values().stream().filter(ScannedFinding::suppressed).count();
    }

    public int duplicates() {
        return duplicates;
    }

    public int informational() {
        return informational;
    }
}
