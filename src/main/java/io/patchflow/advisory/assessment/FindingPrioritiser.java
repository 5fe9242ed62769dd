package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.PriorityPolicy;
import io.patchflow.inventory.HostView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each finding of one assessment its priority and SLA from the {@code patch-priority} rules. A fleet has
 * millions of findings but few distinct combinations of advisory risk and host profile, so each distinct set of
 * inputs is decided once.
 */
class FindingPrioritiser {

    private static final List<String> CRITICALITY = List.of("low", "medium", "high", "critical");
    private static final Set<String> STAGING = Set.of("staging", "pilot", "preprod", "uat");

    private final PriorityPolicy.Rules rules;
    private final Map<String, AdvisoryRisk> risks;
    private final Map<String, HostView> hosts;
    private final Map<PriorityPolicy.Inputs, PriorityPolicy.Decision> decided = new HashMap<>();

    FindingPrioritiser(PriorityPolicy.Rules rules, Map<String, AdvisoryRisk> risks, Map<String, HostView> hosts) {
        this.rules = rules;
        this.risks = risks;
        this.hosts = hosts;
    }

    StageRow prioritise(Finding finding) {
        AdvisoryRisk risk = risks.getOrDefault(finding.advisory(), AdvisoryRisk.UNKNOWN);
        HostView host = hosts.get(finding.host());
        PriorityPolicy.Inputs inputs = new PriorityPolicy.Inputs(risk.cvssScore(), risk.epssProbability(),
                risk.inKev(), criticality(host), host != null && host.internetFacing(), environment(host));
        return new StageRow(finding, decided.computeIfAbsent(inputs, rules::decide), risk);
    }

    /** How many distinct input combinations the policy was asked about. */
    int distinctInputs() {
        return decided.size();
    }

    private static String criticality(HostView host) {
        return host != null && CRITICALITY.contains(host.criticality()) ? host.criticality() : "medium";
    }

    /** The environment names the policy knows, as change evaluation gives them: prod, staging or test. */
    static String environment(HostView host) {
        String environment = host == null ? null : host.environment();
        if ("prod".equals(environment) || "production".equals(environment)) {
            return "prod";
        }
        return STAGING.contains(String.valueOf(environment)) ? "staging" : "test";
    }
}
