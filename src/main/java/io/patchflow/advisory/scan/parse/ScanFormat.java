package io.patchflow.advisory.scan.parse;

import io.patchflow.shared.BadInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The scanner report formats {@code POST /api/v1/scans?format=} accepts, by the name used in the query. */
public enum ScanFormat {

    TRIVY("trivy"), GRYPE("grype"), OSV_SCANNER("osv-scanner"), OPENVAS("openvas"), NESSUS("nessus"),
    CYCLONEDX("cyclonedx"), SARIF("sarif");

    private final String key;

    ScanFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The format named {@code key}; anything else is a 400 that lists the valid names. */
    public static ScanFormat of(String key) {
        for (ScanFormat format : values()) {
            if (format.key.equalsIgnoreCase(key == null ? "" : key.strip())) {
                return format;
            }
        }
        String valid = Arrays.stream(values()).map(ScanFormat::key).collect(Collectors.joining(", "));
        throw new BadInputException("format", (key == null || key.isBlank() ? "The format parameter is missing"
                : "Unknown report format '" + key + "'") + "; valid formats are: " + valid + ".");
    }
}
