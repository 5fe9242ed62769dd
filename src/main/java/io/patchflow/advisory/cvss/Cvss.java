package io.patchflow.advisory.cvss;

import java.math.BigDecimal;

/** The base score of a CVSS vector of any version Patchflow reads, chosen by the vector's prefix. */
public final class Cvss {

    private Cvss() {
    }

    /**
     * The base score, 0.0 to 10.0 with one decimal: CVSS v3.0 and v3.1 by their formulas, v4.0 as CVSS-B (base metrics
     * only).
     *
     * @throws IllegalArgumentException when the vector has no known prefix or is malformed; the message names what is
     *         wrong
     */
    public static BigDecimal baseScore(String vector) {
        if (Cvss3.isV3(vector)) {
            return Cvss3.baseScore(vector);
        }
        if (Cvss4.isV4(vector)) {
            return Cvss4.baseScore(vector);
        }
        throw new IllegalArgumentException("unsupported CVSS vector: expected the prefix CVSS:3.0/, CVSS:3.1/ or "
                + "CVSS:4.0/");
    }
}
