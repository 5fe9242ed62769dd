package io.patchflow.advisory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The advisories Patchflow knows, their risk signals, and matching them against the fleet. */
public interface Advisories {

    Optional<AdvisoryView> advisory(String id);

    /** The ids (or aliases, e.g. a CVE id) that name no stored advisory. */
    List<String> unknown(Collection<String> idsOrAliases);

    RiskSignals riskSignals(Collection<String> advisoryIds);

    /**
     * Matches the given hosts (all hosts when empty) against the given advisories, now, without storing anything:
     * what evaluation and verification of a change use.
     */
    List<Finding> match(Collection<String> advisoryIds, Collection<String> hosts);

    /**
     * Orders two versions of the given ecosystem exactly as its package manager does (negative, zero, positive).
     * A change that fixes several advisories in one package installs the highest of their fixed versions.
     */
    int compareVersions(String ecosystem, String a, String b);
}
