package io.patchflow.advisory.osv;

import java.util.List;

/**
 * One {@code affected[]} entry: a package (ecosystem, name, purl) with its ranges and explicit versions.
 * {@code noFixReason} says why an affected version has no fix when the source tells (the Debian security tracker's
 * no-dsa, postponed, ignored, open, undetermined); OSV documents have none.
 */
public record OsvAffected(String ecosystem, String name, String purl, List<OsvRange> ranges, List<String> versions,
        String databaseSpecific, String noFixReason) {

    public OsvAffected(String ecosystem, String name, String purl, List<OsvRange> ranges, List<String> versions,
            String databaseSpecific) {
        this(ecosystem, name, purl, ranges, versions, databaseSpecific, null);
    }
}
