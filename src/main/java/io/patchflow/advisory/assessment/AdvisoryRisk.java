package io.patchflow.advisory.assessment;

import java.time.LocalDate;

/**
 * The risk figures of one advisory, as the priority policy reads them: the higher of its computed and published CVSS
 * base scores, the highest EPSS probability of its CVE ids, and whether any of them is in CISA KEV with the
 * earliest KEV due date (the date CISA sets for federal agencies; null when KEV gives none).
 */
record AdvisoryRisk(Double cvssScore, Double epssProbability, boolean inKev, LocalDate kevDue) {

    static final AdvisoryRisk UNKNOWN = new AdvisoryRisk(null, null, false, null);
}
