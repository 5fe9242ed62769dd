package io.patchflow.change.process;

import io.patchflow.advisory.PriorityPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The {@code patch-priority} table as deployed, for findings. It is evaluated by a DMN engine of its own rather than
 * through {@code DecisionService}: an assessment asks it thousands of times, and each engine evaluation would write
 * a decision instance to history (millions of rows a day for a fleet) and look the definition up again. Each
 * finding keeps its priority, SLA and the rule's reason, and the assessment records the table version, which is
 * what an auditor needs. The lifecycle's own priority decision per change still runs in the engine with history.
 * Answers are remembered per table version for the life of one {@link Rules}.
 */
@Component
class DmnPriorityPolicy implements PriorityPolicy {

    private final RepositoryService repository;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

    DmnPriorityPolicy(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public Rules current() {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(LifecycleDecisions.PRIORITY).latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The decision " + LifecycleDecisions.PRIORITY + " is not deployed");
        }
        DmnDecision decision = parsed.computeIfAbsent(definition.getId(), id -> dmn.parseDecision(
                LifecycleDecisions.PRIORITY, repository.getDmnModelInstance(id)));
        String version = definition.getKey() + ":" + definition.getVersion() + " (" + definition.getId() + ")";
        return new DeployedRules(version, decision, dmn);
    }

    private record DeployedRules(String version, DmnDecision decision, DmnEngine dmn) implements Rules {

        @Override
        public Decision decide(Inputs inputs) {
            VariableMap variables = Variables.createVariables()
                    .putValue("cvssScore", inputs.cvssScore())
                    .putValue("epssProbability", inputs.epssProbability())
                    .putValue("inKev", inputs.inKev())
                    .putValue("assetCriticality", inputs.assetCriticality())
                    .putValue("internetFacing", inputs.internetFacing())
                    .putValue("environment", inputs.environment());
            DmnDecisionResultEntries result = dmn.evaluateDecision(decision, variables).getSingleResult();
            if (result == null) {
                throw new IllegalStateException("patch-priority has no rule for " + inputs);
            }
            Number days = result.getEntry("slaDays");
            return new Decision(result.getEntry("priority"), days.intValue(), result.getEntry("policyReason"));
        }
    }
}
