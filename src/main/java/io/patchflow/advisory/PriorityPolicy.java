package io.patchflow.advisory;

/**
 * The port to the {@code patch-priority} policy, so that the advisory module can give each finding a priority and
 * an SLA without knowing the rule engine. {@link #current()} fixes one version of the rules for a whole assessment:
 * every finding of an assessment is judged by the same table.
 */
public interface PriorityPolicy {

    /** The rules as deployed now. */
    Rules current();

    /** One version of the rules. Implementations may remember answers: inputs repeat across millions of findings. */
    interface Rules {

        /** Which table version this is (e.g. its decision definition id), for the record. */
        String version();

        Decision decide(Inputs inputs);
    }

    /**
     * What the policy reads about one finding: the advisory's risk (CVSS base score, EPSS probability, CISA KEV;
     * null when unknown) and the host's criticality, exposure and environment ({@code prod}, {@code staging} or
     * {@code test}).
     */
    record Inputs(Double cvssScore, Double epssProbability, boolean inKev, String assetCriticality,
            boolean internetFacing, String environment) {
    }

    /** Priority P1 to P4, the number of days the patch may take, and the rule's reason. */
    record Decision(String priority, int slaDays, String reason) {
    }
}
