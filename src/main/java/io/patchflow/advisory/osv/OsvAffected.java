package io.patchflow.advisory.osv;

import java.util.List;

/** One {@code affected[]} entry: a package (ecosystem, name, purl) with its ranges and explicit versions. */
public record OsvAffected(String ecosystem, String name, String purl, List<OsvRange> ranges, List<String> versions,
        String databaseSpecific) {
}
