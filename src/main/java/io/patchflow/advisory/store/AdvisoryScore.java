package io.patchflow.advisory.store;

import java.math.BigDecimal;

/** The severity figures stored for one advisory: its own CVSS score and vector, and a database-given score. */
public record AdvisoryScore(String advisoryId, BigDecimal cvssScore, String cvssVector, BigDecimal databaseScore) {
}
