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
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * The {@code patch-priority} table as deployed, for findings. It is evaluated by a DMN engine of its own rather than
 * through {@code DecisionService}: an assessment asks about millions of findings, and each engine evaluation would
 * write a decision instance to history and parse the table's FEEL entries again (milliseconds each). Each finding
 * keeps its priority, SLA and the rule's reason, and the assessment records the table version, which is what an
 * auditor needs; the lifecycle's own priority decision per change still runs in the engine, with history.
 * <p>
 * Answers are remembered per table version and per class of inputs ({@link NumericClasses}): a fleet's findings
 * fall into a few hundred classes at most.
 */
@Component
class DmnPriorityPolicy implements PriorityPolicy {

    /** Beyond this many remembered answers the memory is dropped and refilled: a bound, not an expected size. */
    private static final int MAX_REMEMBERED = 100_000;

    private final RepositoryService repository;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DeployedRules> deployed = new ConcurrentHashMap<>();

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
        return deployed.computeIfAbsent(definition.getId(), id -> {
            DmnModelInstance model = repository.getDmnModelInstance(id);
            return new DeployedRules(definition.getKey() + ":" + definition.getVersion() + " (" + id + ")",
                    dmn.parseDecision(LifecycleDecisions.PRIORITY, model), NumericClasses.of(model), dmn);
        });
    }

    /** One deployed version of the table, with the answers it has given. */
    static final class DeployedRules implements Rules {

        private final String version;
        private final DmnDecision decision;
        private final NumericClasses classes;
        private final DmnEngine dmn;
        private final Map<Inputs, Decision> answers = new ConcurrentHashMap<>();

        DeployedRules(String version, DmnDecision decision, NumericClasses classes, DmnEngine dmn) {
            this.version = version;
            this.decision = decision;
            this.classes = classes;
            this.dmn = dmn;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public Decision decide(Inputs inputs) {
            Inputs representative = new Inputs(classes.representative("cvssScore", inputs.cvssScore()),
                    classes.representative("epssProbability", inputs.epssProbability()), inputs.inKev(),
                    inputs.assetCriticality(), inputs.internetFacing(), inputs.environment());
            if (answers.size() > MAX_REMEMBERED) {
                answers.clear();
            }
            return answers.computeIfAbsent(representative, this::evaluate);
        }

        Decision evaluate(Inputs inputs) {
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
