package io.patchflow.change.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts the DMN policies decide on, under the names the tables use. {@code environment} is the most sensitive
 * environment among the affected hosts; {@code assetCriticality} the highest criticality.
 */
public record EvaluationFacts(Double cvssScore, Double epssProbability, boolean inKev, String assetCriticality,
        boolean internetFacing, String environment, String patchKind, boolean rebootRequired, boolean vendorTrusted,
        int hostCount, double prodShare) {

    public Map<String, Object> asVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("cvssScore", cvssScore);
        variables.put("epssProbability", epssProbability);
        variables.put("inKev", inKev);
        variables.put("assetCriticality", assetCriticality);
        variables.put("internetFacing", internetFacing);
        variables.put("environment", environment);
        variables.put("patchKind", patchKind);
        variables.put("rebootRequired", rebootRequired);
        variables.put("vendorTrusted", vendorTrusted);
        variables.put("hostCount", hostCount);
        variables.put("prodShare", prodShare);
        return variables;
    }
}
