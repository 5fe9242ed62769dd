package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangePolicy;
import io.patchflow.change.internal.PolicyDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.springframework.stereotype.Component;

/**
 * Runs when a business rule task ends: copies the DMN outputs into plain process variables and puts the decision
 * on the record with the table's version and the exact inputs it read.
 */
@Component("policyDecisionListener")
class PolicyDecisionListener implements ExecutionListener {

    /** The engine leaves the result of a business rule task without result variable in this transient variable. */
    private static final String DECISION_RESULT = "decisionResult";

    private final ChangePolicy policy;
    private final RepositoryService repository;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    PolicyDecisionListener(ChangePolicy policy, RepositoryService repository) {
        this.policy = policy;
        this.repository = repository;
    }

    private record Table(String id, String key, int version, List<String> inputs) {
    }

    @Override
    public void notify(DelegateExecution execution) {
        DmnDecisionResult result = (DmnDecisionResult) execution.getVariableLocal(DECISION_RESULT);
        String decisionKey = ((BusinessRuleTask) execution.getBpmnModelElementInstance()).getCamundaDecisionRef();
        Table table = table(execution, decisionKey);
        DmnDecisionResultEntries entries = result.getSingleResult();
        Map<String, Object> outputs = new LinkedHashMap<>(entries.getEntryMap());
        Map<String, Object> inputs = new LinkedHashMap<>();
        table.inputs().forEach(name -> inputs.put(name, execution.getVariable(name)));
        outputs.forEach((name, value) -> {
            if (!"policyReason".equals(name)) {
                execution.setVariable(name, value);
            }
        });
        if (ChangePolicy.CLASSIFICATION.equals(decisionKey)) {
            execution.setVariable(PIR_REQUIRED, "emergency".equals(outputs.get(CHANGE_TYPE)));
        }
        policy.record(changeId(execution), new PolicyDecision(decisionKey, table.version(), table.id(), inputs,
                outputs));
    }

    /** The table version deployed with this process version, and the variables its inputs read (cached). */
    private Table table(DelegateExecution execution, String decisionKey) {
        String deploymentId = repository.getProcessDefinition(execution.getProcessDefinitionId()).getDeploymentId();
        return tables.computeIfAbsent(deploymentId + "/" + decisionKey, k -> {
            DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                    .decisionDefinitionKey(decisionKey).deploymentId(deploymentId).singleResult();
            DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
            List<String> inputs = model.getModelElementsByType(InputExpression.class).stream()
                    .map(e -> e.getText().getTextContent().trim()).toList();
            return new Table(definition.getId(), decisionKey, definition.getVersion(), inputs);
        });
    }
}
