package io.patchflow.advisory;

import java.time.LocalDate;

/** An entry of CISA's Known Exploited Vulnerabilities catalog. Only {@code cveId} and {@code dateAdded} are needed. */
public record KevEntry(String cveId, String vendorProject, String product, String vulnerabilityName,
        LocalDate dateAdded, LocalDate dueDate, String knownRansomwareCampaignUse) {

    public KevEntry(String cveId, LocalDate dateAdded) {
        this(cveId, null, null, null, dateAdded, null, null);
    }
}
