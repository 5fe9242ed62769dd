package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeEvaluation;
import io.patchflow.change.internal.EvaluationFacts;
import io.patchflow.change.internal.NothingToPatchException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stage 2: gathers the facts the DMN policies decide on, under the names the tables read. */
@Component
class EvaluatePatchDelegate implements JavaDelegate {

    static final String NOTHING_TO_PATCH = "NOTHING_TO_PATCH";

    private final ChangeEvaluation evaluation;

    EvaluatePatchDelegate(ChangeEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            EvaluationFacts facts = evaluation.evaluate(changeId(execution));
            execution.setVariables(facts.asVariables());
        } catch (NothingToPatchException e) {
            throw new BpmnError(NOTHING_TO_PATCH, e.getMessage());
        }
    }
}
