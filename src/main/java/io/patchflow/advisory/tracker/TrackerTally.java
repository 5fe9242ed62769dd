package io.patchflow.advisory.tracker;

import java.util.Set;
import java.util.TreeSet;

/** What the reader saw in a tracker file, for the import's answer. Not thread-safe: one per read. */
final class TrackerTally {

    int packages;
    int issues;
    int fixed;
    int noFix;
    int notAffected;
    int skippedReleases;
    final Set<String> unknownCodenames = new TreeSet<>();
}
