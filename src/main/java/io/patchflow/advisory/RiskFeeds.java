package io.patchflow.advisory;

import java.util.Collection;

/**
 * Stores the risk feeds that complement advisories. Each call upserts by CVE id: a later KEV entry or EPSS score
 * for the same CVE replaces the earlier one. Answers the number of entries stored. Loading a feed file with its
 * metadata, audit entry and load record goes through {@code POST /api/v1/feeds/*} or the scheduled pulls instead.
 */
public interface RiskFeeds {

    int storeKev(Collection<KevEntry> entries, String catalogVersion);

    /** Stores scores of the EPSS model {@code modelVersion} (as FIRST names it, e.g. "v2025.03.14"; may be null). */
    int storeEpss(Collection<EpssScore> scores, String modelVersion);

    default int storeEpss(Collection<EpssScore> scores) {
        return storeEpss(scores, null);
    }
}
