package io.patchflow.advisory.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * A finding as read back from an imported report. {@code vulnerability} is the id the scanner used (CVE, GHSA,
 * OpenVAS NVT OID, Nessus plugin id, SARIF rule id); {@code aliases} its other ids, CVEs included.
 */
public record ScanFindingView(String host, String target, String ecosystem,
        @JsonProperty("package") String packageName, String purl, String installedVersion, String fixedVersion,
        String vulnerability, List<String> aliases, String severity, BigDecimal cvssScore, String title,
        String status, boolean suppressed, String suppression, String scanner) {
}
