package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every rule of {@code bpmn/change-proposal.dmn}: which proposed changes start on their own, and why. */
class ChangeProposalDecisionTest {

    static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    static final DmnModelInstance MODEL = Dmn.readModelFromFile(new File("bpmn/change-proposal.dmn"));
    static final DmnDecision DECISION = DMN.parseDecision("change-proposal", MODEL);

    @ParameterizedTest(name = "{0}, KEV {1}: auto-start {2}")
    @CsvSource({
        "P3, true, true, CISA KEV",
        "P1, false, true, Priority P1",
        "P1, true, true, CISA KEV",
        "P2, false, false, waits",
        "P4, false, false, waits",
        ", false, false, waits"})
    void knownExploitedOrP1StartAtOnceOthersWaitForAnOperator(String priority, boolean inKev,
            boolean autoStart, String reason) {
        DmnDecisionResultEntries result = DMN.evaluateDecision(DECISION, Variables.createVariables()
                .putValue("priority", priority).putValue("inKev", inKev)).getSingleResult();
        assertThat((Boolean) result.getEntry("autoStart")).isEqualTo(autoStart);
        assertThat((String) result.getEntry("policyReason")).contains(reason);
    }

    @Test
    void everyRuleSaysWhy() {
        assertThat(MODEL.getModelElementsByType(Rule.class)).isNotEmpty().allSatisfy(rule ->
                assertThat(rule.getDescription().getTextContent()).as(rule.getId()).hasSizeGreaterThan(40));
    }
}
