package io.patchflow.advisory.tracker;

import java.util.Set;

/**
 * What a Debian security tracker import did. {@code advisories} (one per source package and issue with at least one
 * affected release) = {@code added} + {@code changed} + {@code unchanged}; {@code retracted} are advisories of the
 * previous import the file no longer lists (or now lists as not affected). {@code fixed}, {@code noFix} and
 * {@code notAffected} count (package, issue, release) entries; {@code skippedReleases} those of codenames Patchflow
 * does not know, listed in {@code unknownCodenames}.
 */
public record TrackerImportResult(int packages, int issues, int advisories, int added, int changed, int unchanged,
        int retracted, int fixed, int noFix, int notAffected, int skippedReleases, Set<String> unknownCodenames) {
}
