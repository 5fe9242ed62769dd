package io.patchflow.advisory;

import java.util.Collection;

/**
 * Stores the risk feeds that complement advisories. Each call upserts by CVE id: a later KEV entry or EPSS score
 * for the same CVE replaces the earlier one. Answers the number of entries stored.
 */
public interface RiskFeeds {

    int storeKev(Collection<KevEntry> entries, String catalogVersion);

    int storeEpss(Collection<EpssScore> scores);
}
