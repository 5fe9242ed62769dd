package io.patchflow.advisory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the priority policy needs to know about a set of advisories: the highest CVSS base score, the highest
 * EPSS probability (0..1), whether any is in CISA KEV, and where each figure came from. {@code kevDueDate} is the
 * earliest remediation due date CISA set for those of its CVEs in KEV (null when none is listed or CISA gave none):
 * an SLA must not end after it.
 */
public record RiskSignals(BigDecimal maxCvssScore, BigDecimal maxEpssProbability, boolean inKev,
        List<String> sources, LocalDate kevDueDate) {

    public RiskSignals(BigDecimal maxCvssScore, BigDecimal maxEpssProbability, boolean inKev, List<String> sources) {
        this(maxCvssScore, maxEpssProbability, inKev, sources, null);
    }
}
