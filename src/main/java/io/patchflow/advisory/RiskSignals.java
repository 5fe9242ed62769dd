package io.patchflow.advisory;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the priority policy needs to know about a set of advisories: the highest CVSS base score, the highest
 * EPSS probability (0..1), whether any is in CISA KEV, and where each figure came from.
 */
public record RiskSignals(BigDecimal maxCvssScore, BigDecimal maxEpssProbability, boolean inKev,
        List<String> sources) {
}
