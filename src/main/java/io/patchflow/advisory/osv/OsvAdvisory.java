package io.patchflow.advisory.osv;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An OSV record as Patchflow keeps it. {@code cvssVector} is the highest-scoring CVSS v3 vector of the record (or
 * its CVSS v4 vector when it has no v3 one, then without score); {@code databaseCvssScore} is a score the
 * publishing database put in {@code database_specific}; {@code databaseSpecific} is that object as JSON text.
 */
public record OsvAdvisory(String id, List<String> aliases, String summary, OffsetDateTime modified,
        OffsetDateTime published, OffsetDateTime withdrawn, List<OsvAffected> affected, String cvssVector,
        BigDecimal cvssScore, BigDecimal databaseCvssScore, String databaseSpecific) {

    public boolean isWithdrawn() {
        return withdrawn != null;
    }
}
