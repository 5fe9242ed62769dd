package io.patchflow.change.process;

import io.patchflow.advisory.FixGroups.FixGroup;
import io.patchflow.change.detection.ProposalPolicy;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The {@code change-proposal} table as deployed. A first assessment of a large fleet makes thousands of groups, so
 * the table is evaluated by a DMN engine of its own with its answers remembered per table version and inputs (a
 * handful of combinations), not through {@code DecisionService} with a history row and a FEEL parse per group.
 * Every proposal's audit entry carries the inputs, the answer and this table version.
 */
@Component
class DmnProposalPolicy implements ProposalPolicy {

    private final RepositoryService repository;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();
    private final Map<List<Object>, Decision> answers = new ConcurrentHashMap<>();

    DmnProposalPolicy(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public Decision decide(FixGroup group) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(LifecycleDecisions.PROPOSAL).latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The decision " + LifecycleDecisions.PROPOSAL + " is not deployed");
        }
        return answers.computeIfAbsent(Arrays.asList(definition.getId(), group.priority(), group.inKev()),
                key -> evaluate(definition, group));
    }

    private Decision evaluate(DecisionDefinition definition, FixGroup group) {
        DmnDecision decision = parsed.computeIfAbsent(definition.getId(), id -> dmn.parseDecision(
                LifecycleDecisions.PROPOSAL, repository.getDmnModelInstance(id)));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("priority", group.priority());
        inputs.put("inKev", group.inKev());
        DmnDecisionResultEntries result = dmn.evaluateDecision(decision, Variables.fromMap(inputs))
                .getSingleResult();
        if (result == null) {
            throw new IllegalStateException("change-proposal has no rule for " + inputs);
        }
        return new Decision(Boolean.TRUE.equals(result.getEntry("autoStart")), result.getEntry("policyReason"),
                definition.getKey() + ":" + definition.getVersion() + " (" + definition.getId() + ")",
                Collections.unmodifiableMap(inputs));
    }
}
