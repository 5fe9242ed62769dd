package io.patchflow.advisory;

import java.math.BigDecimal;
import java.time.LocalDate;

/** FIRST's EPSS for one CVE on one day: probability of exploitation in the next 30 days (0..1) and percentile. */
public record EpssScore(String cveId, BigDecimal probability, BigDecimal percentile, LocalDate date) {
}
