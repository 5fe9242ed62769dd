package io.patchflow.advisory.scan.parse;

import java.math.BigDecimal;
import java.util.List;

/**
 * One finding as a scanner reported it, reduced to what Patchflow keeps: where ({@code host}, and {@code target}
 * inside it: an image layer's result, a lockfile, a port), which package at which version, which vulnerability
 * with its aliases, and how bad. Any field but {@code host} and {@code vulnerabilityId} may be null when the
 * scanner does not say. A suppressed finding (VEX {@code not_affected}) is kept with its reason but is not counted
 * as a finding.
 */
public record ScannedFinding(String host, String target, String ecosystem, String packageName, String purl,
        String installedVersion, String fixedVersion, String vulnerabilityId, List<String> aliases, String severity,
        BigDecimal cvssScore, String title, String status, boolean suppressed, String suppression) {

    public ScannedFinding {
        aliases = aliases == null ? List.of() : aliases.stream()
                .filter(a -> a != null && !a.isBlank() && !a.equals(vulnerabilityId)).distinct().toList();
    }

    /** The same finding reported about another host (the caller named the host the report is about). */
    ScannedFinding onHost(String otherHost, String otherTarget) {
        return new ScannedFinding(otherHost, otherTarget, ecosystem, packageName, purl, installedVersion,
                fixedVersion, vulnerabilityId, aliases, severity, cvssScore, title, status, suppressed, suppression);
    }

    /** What makes two findings the same: host or target, package, installed version, vulnerability id. */
    String identity() {
        return host + '\u0000' + nullToEmpty(packageName) + '\u0000' + nullToEmpty(installedVersion) + '\u0000'
                + vulnerabilityId;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
