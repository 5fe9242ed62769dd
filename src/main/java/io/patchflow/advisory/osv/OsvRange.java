package io.patchflow.advisory.osv;

import java.util.List;

/** A range of type ECOSYSTEM, SEMVER or GIT with its events in the order the record gives them. */
public record OsvRange(String type, String repo, List<OsvEvent> events) {

    public static final String ECOSYSTEM = "ECOSYSTEM";
    public static final String SEMVER = "SEMVER";
    public static final String GIT = "GIT";
}
