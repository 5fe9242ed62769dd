package io.patchflow.change.process;

import io.patchflow.advisory.FixGroups.FixGroup;
import io.patchflow.change.detection.ProposalPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The {@code change-proposal} table, evaluated by the engine's {@link DecisionService}: a few evaluations per
 * assessment, each kept in the engine's decision history (visible in Cockpit) besides Patchflow's audit trail.
 */
@Component
class DmnProposalPolicy implements ProposalPolicy {

    private final DecisionService decisions;
    private final RepositoryService repository;

    DmnProposalPolicy(DecisionService decisions, RepositoryService repository) {
        this.decisions = decisions;
        this.repository = repository;
    }

    @Override
    public Decision decide(FixGroup group) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(LifecycleDecisions.PROPOSAL).latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The decision " + LifecycleDecisions.PROPOSAL + " is not deployed");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("priority", group.priority());
        inputs.put("inKev", group.inKev());
        inputs.put("hosts", group.hosts());
        DmnDecisionResultEntries result = decisions.evaluateDecisionById(definition.getId()).variables(inputs)
                .evaluate().getSingleResult();
        if (result == null) {
            throw new IllegalStateException("change-proposal has no rule for " + inputs);
        }
        return new Decision(Boolean.TRUE.equals(result.getEntry("autoStart")), result.getEntry("policyReason"),
                definition.getKey() + ":" + definition.getVersion() + " (" + definition.getId() + ")", inputs);
    }
}
