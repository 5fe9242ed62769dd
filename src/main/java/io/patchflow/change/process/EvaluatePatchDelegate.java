package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeEvaluation;
import io.patchflow.change.internal.EvaluationFacts;
import io.patchflow.change.internal.NothingToPatchException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Stage 2: gathers the facts the DMN policies decide on, under the names the tables read. */
@Component
class EvaluatePatchDelegate implements JavaDelegate {

    static final String NOTHING_TO_PATCH = "NOTHING_TO_PATCH";

    /**
     * The facts kept as process variables, for the task forms. The others are transient: only the two DMN tasks
     * right after this step read them, in the same transaction, and each decision is recorded with the inputs it
     * read (audit trail and Camunda's decision history). Stored, each would be a runtime row and its history for
     * every change.
     */
    static final Set<String> SHOWN_IN_FORMS = Set.of(HOST_COUNT);

    private final ChangeEvaluation evaluation;

    EvaluatePatchDelegate(ChangeEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            EvaluationFacts facts = evaluation.evaluate(changeId(execution));
            facts.asVariables().forEach((name, value) -> execution.setVariable(name,
                    Variables.untypedValue(value, !SHOWN_IN_FORMS.contains(name))));
        } catch (NothingToPatchException e) {
            throw new BpmnError(NOTHING_TO_PATCH, e.getMessage());
        }
    }
}
