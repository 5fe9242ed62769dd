package io.patchflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The habits STYLE.md asks of every model: service tasks call one bean through {@code #{delegateExpression}};
 * every task that reaches outside the engine's transaction (tickets, back ends, verification) is asyncBefore with a
 * retry cycle; user tasks have a Camunda Form and candidate groups; business rules live in deployed DMN.
 */
class ProcessModelRulesTest {

    /**
     * Service tasks that only write Patchflow's own tables, inside the engine's transaction: a decision, or the
     * rollout's plan (its batches are jobs of their own).
     */
    static final Set<String> LOCAL_ONLY = Set.of("approveByPolicy", "halt", "holdRollout", "plan");

    @ParameterizedTest
    @ValueSource(strings = {"bpmn/patch-lifecycle.bpmn", "bpmn/staged-rollout.bpmn"})
    void everyServiceTaskUsesADelegateExpressionAndRemoteOnesAreAsync(String path) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(path));
        List<String> problems = new ArrayList<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            String expression = task.getCamundaDelegateExpression();
            if (expression == null || !expression.matches("#\\{[a-zA-Z]+}")) {
                problems.add(task.getId() + ": not a #{delegateExpression}");
            }
            if (task.getCamundaClass() != null || task.getCamundaExpression() != null) {
                problems.add(task.getId() + ": uses a class or expression");
            }
            boolean remote = !LOCAL_ONLY.contains(task.getId());
            if (remote && !task.isCamundaAsyncBefore()) {
                problems.add(task.getId() + ": reaches outside the engine but is not asyncBefore");
            }
            if (remote && task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class)
                    .count() == 0) {
                problems.add(task.getId() + ": async without a retry cycle");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bpmn/patch-lifecycle.bpmn", "bpmn/staged-rollout.bpmn"})
    void everyUserTaskHasAFormAndCandidateGroups(String path) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(path));
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaFormRef()).as(task.getId() + " form").isNotBlank();
            assertThat(new File("forms/" + task.getCamundaFormRef() + ".form")).as(task.getId() + " form file")
                    .exists();
            assertThat(task.getCamundaCandidateGroups()).as(task.getId() + " candidate groups").isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bpmn/patch-lifecycle.bpmn"})
    void businessRulesAreDeployedDecisionTablesAndRolloutsAreTheDeployedModel(String path) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(path));
        for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
            assertThat(new File("bpmn/" + task.getCamundaDecisionRef() + ".dmn")).as(task.getId()).exists();
            assertThat(task.getCamundaDecisionRefBinding()).isEqualTo("deployment");
        }
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            assertThat(call.getCalledElement()).isEqualTo("staged-rollout");
            assertThat(call.getCamundaCalledElementBinding()).isEqualTo("deployment");
        }
    }
}
