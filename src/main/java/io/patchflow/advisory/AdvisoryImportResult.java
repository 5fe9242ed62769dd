package io.patchflow.advisory;

/**
 * What an advisory import did: advisories stored (new or replaced), how many of those are withdrawn, how many were
 * skipped because the stored copy is as new or newer, and how many zip entries were not JSON files.
 */
public record AdvisoryImportResult(int advisories, int withdrawn, int skipped, int ignoredEntries) {
}
