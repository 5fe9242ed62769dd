package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.advisory.PriorityPolicy.Decision;
import io.patchflow.advisory.PriorityPolicy.Inputs;
import java.io.File;
import java.util.Random;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Remembering the priority table's answers per class of CVSS and EPSS values must never change an answer: the
 * remembered decision equals a fresh evaluation of the real table, for random values and for the table's own
 * thresholds and their neighbours.
 */
class PriorityRulesMemoTest {

    static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    static final DmnModelInstance MODEL = Dmn.readModelFromFile(new File("bpmn/patch-priority.dmn"));

    final DmnPriorityPolicy.DeployedRules rules = new DmnPriorityPolicy.DeployedRules("test",
            DMN.parseDecision("patch-priority", MODEL), NumericClasses.of(MODEL), DMN);

    static final String[] CRITICALITY = {"low", "medium", "high", "critical"};
    static final String[] ENVIRONMENT = {"prod", "staging", "test"};
    static final double[] EDGES = {0.0, 0.09999, 0.1, 0.10001, 3.9, 4.0, 6.9, 6.99999, 7.0, 8.9, 9.0, 9.1, 10.0};

    @Test
    void rememberedAnswersEqualFreshEvaluationsOfTheTable() {
        Random random = new Random();
        for (int i = 0; i < 250; i++) {
            Double cvss = random.nextInt(8) == 0 ? null
                    : random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(101) / 10.0;
            Double epss = random.nextInt(8) == 0 ? null
                    : random.nextBoolean() ? EDGES[random.nextInt(3)] : random.nextInt(100_001) / 100_000.0;
            Inputs inputs = new Inputs(cvss, epss, random.nextInt(6) == 0, CRITICALITY[random.nextInt(4)],
                    random.nextBoolean(), ENVIRONMENT[random.nextInt(3)]);
            assertThat(rules.decide(inputs)).as(inputs.toString()).isEqualTo(rules.evaluate(inputs));
        }
    }

    @Test
    void knownExploitedOnAnInternetFacingHostIsP1WithinTwoDays() {
        assertThat(rules.decide(new Inputs(null, null, true, "low", true, "test")))
                .isEqualTo(new Decision("P1", 2, "Known exploited (CISA KEV) on an internet-facing host"));
        assertThat(rules.decide(new Inputs(5.0, 0.0001, false, "low", false, "test")).priority()).isEqualTo("P3");
    }

    @Test
    void valuesOnTheSameSideOfEveryThresholdShareOneClass() {
        NumericClasses classes = NumericClasses.of(MODEL);
        assertThat(classes.representative("cvssScore", 9.3)).isEqualTo(classes.representative("cvssScore", 9.8));
        assertThat(classes.representative("cvssScore", 9.0)).isNotEqualTo(classes.representative("cvssScore", 8.9));
        assertThat(classes.representative("epssProbability", 0.5))
                .isEqualTo(classes.representative("epssProbability", 0.97));
        assertThat(classes.representative("epssProbability", null)).isNull();
        assertThat(classes.representative("assetCriticality", 3.0)).isEqualTo(3.0);
    }
}
