package io.patchflow.advisory.scan;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An imported report: {@code findings} counts distinct findings that are not suppressed; {@code suppressed} those
 * a VEX statement (or the scanner's not_affected status) marks as not affecting; {@code duplicates} entries folded
 * into an earlier one with the same (host, package, installed version, vulnerability id); {@code informational}
 * entries that report no vulnerability (Nessus severity 0, OpenVAS log results). {@code hostNames} is given when
 * a report is read back, not in the import's answer.
 */
public record ScanView(long id, String format, String scanner, int hosts, int findings, int suppressed,
        int duplicates, int informational, long bytes, String importedBy, OffsetDateTime importedAt,
        List<String> hostNames) {
}
