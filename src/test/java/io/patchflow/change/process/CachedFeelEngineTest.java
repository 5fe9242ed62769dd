package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CachedFeelEngine} decides exactly as Camunda's default FEEL engine: same outputs, same matched rules, same
 * errors, for the deployed tables over a broad grid of inputs and for FEEL expressions that use builtin functions,
 * fail, or assert. These tests pin the feel-engine internals it repeats; if an upgrade changes them, they fail.
 */
class CachedFeelEngineTest {

    static final List<String> DEPLOYED = List.of("patch-priority", "change-classification", "change-proposal");

    final Decisions camundaDefault = new Decisions(DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
    final Decisions cached = new Decisions(withCachedFeel(DmnEngineConfiguration.createDefaultDmnEngineConfiguration()));

    @Test
    void patchPriorityDecidesAsCamundaDefaultForEveryInputCombination() {
        List<Map<String, Object>> grid = grid(Map.of(
                "cvssScore", values(null, 0.05, 0.1, 3.99, 4.0, 6.99, 7.0, 8.99, 9.0, 10.0, "n/a"),
                "epssProbability", values(null, 0.0999, 0.1, 1.0),
                "inKev", values(null, true, false),
                "assetCriticality", values(null, "critical", "high", "medium", "unknown"),
                "internetFacing", values(null, true, false),
                "environment", values(null, "prod", "Prod")));
        assertSameDecisions("patch-priority", grid);
    }

    @Test
    void changeClassificationDecidesAsCamundaDefaultForEveryInputCombination() {
        List<Map<String, Object>> grid = grid(Map.of(
                "priority", values(null, "P1", "P2", "P3", "P4", "P9"),
                "patchKind", values(null, "security", "bugfix", "feature", "kernel"),
                "rebootRequired", values(null, true, false),
                "vendorTrusted", values(null, true, false),
                "hostCount", values(null, 1, 20, 21, 50, 51),
                "prodShare", values(null, 0.5, 0.51, 0.8, 0.81)));
        assertSameDecisions("change-classification", grid);
    }

    @Test
    void changeProposalDecidesAsCamundaDefaultForEveryInputCombination() {
        assertSameDecisions("change-proposal", grid(Map.of(
                "priority", values(null, "P1", "P2", "P3", "P4", "p1", ""),
                "inKev", values(null, true, false))));
    }

    @Test
    void aSyntaxErrorInAnInputEntryFailsWithTheSameClearMessage() {
        String broken = tableWithInputEntry("> > 5");
        String expected = camundaDefault.failureOf(broken);
        assertThat(expected).contains("failed to parse expression '> > 5'");
        assertThat(cached.failureOf(broken)).isEqualTo(expected);
        assertThat(cached.failureOf(broken)).as("a cached parse failure fails again").isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "string length(name) + 1", "upper case(name)", "contains(name, \"ab\")", "[1, 2, 3][item > count]",
        "sum([count, 2.5, 3])", "date(\"2024-02-28\") + duration(\"P1D\")", "date(\"2024-02-30\")",
        "missing + 1", "missing", "no such function(1)", "1 / 0", "count / 0", "name < 3",
        "if count > 1 then \"many\" else \"few\"", "{a: count}.a * 2", "assert(count, count > 5)",
        "assert(count, count > 5, \"too few\")", "get or else(missing, \"default\")", "> > 5", "",
        "for x in [1, 2] return x * count", "matches(name, \"[\")", "now() != null", "today() > date(\"2000-01-01\")"})
    void literalExpressionsEvaluateAsCamundaDefault(String expression) {
        VariableContext variables = Variables.createVariables().putValue("name", "abc").putValue("count", 2)
                .asVariableContext();
        assertThat(outcome(() -> cachedFeel().evaluateSimpleExpression(expression, variables)))
                .isEqualTo(outcome(() -> defaultFeel().evaluateSimpleExpression(expression, variables)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "> 5", "< 5", "[1..5]", "]1..5[", "2", "not(2)", "-", "null", "\"a\",\"b\"", "? > count", "count",
        "string length(?) = 3", "> > 5", "\"abc\"", "missing", "contains(?, \"b\")", "assert(?, ? > 5)"})
    void unaryTestsEvaluateAsCamundaDefault(String tests) {
        for (Object input : new Object[] {2, 6, null, "abc", 2.5}) {
            VariableContext variables = Variables.createVariables().putValue("cellInput", input)
                    .putValue("count", 2).asVariableContext();
            assertThat(outcome(() -> cachedFeel().evaluateSimpleUnaryTests(tests, "cellInput", variables)))
                    .as("%s with %s", tests, input)
                    .isEqualTo(outcome(() -> defaultFeel().evaluateSimpleUnaryTests(tests, "cellInput", variables)));
        }
    }

    @Test
    void sharedBuiltinFunctionsReadTheClockAtEachEvaluation() throws InterruptedException {
        VariableContext none = Variables.createVariables().asVariableContext();
        Object first = cachedFeel().evaluateSimpleExpression("now()", none);
        Thread.sleep(5);
        assertThat(cachedFeel().<Object>evaluateSimpleExpression("now()", none)).isNotEqualTo(first);
    }

    @Test
    void eachTextIsParsedOnce() {
        CachedFeelEngine engine = ((CachedScalaFeelEngine) cached.feel()).feelScalaEngine();
        Map<String, Object> inputs = grid(Map.of("priority", values("P1"), "inKev", values(true))).get(0);
        cached.evaluate("change-proposal", inputs);
        int parsed = engine.parsedTexts();
        assertThat(parsed).isPositive();
        cached.evaluate("change-proposal", inputs);
        assertThat(engine.parsedTexts()).isEqualTo(parsed);
    }

    @Test
    void oneEngineDecidesCorrectlyOnManyThreadsAtOnce() throws Exception {
        List<Map<String, Object>> grid = grid(Map.of(
                "cvssScore", values(null, 0.1, 4.0, 7.0, 8.99, 9.0),
                "epssProbability", values(null, 0.0999, 0.1),
                "inKev", values(true, false),
                "assetCriticality", values("critical", "low"),
                "internetFacing", values(true, false),
                "environment", values("prod", "dev")));
        List<String> expected = grid.stream().map(inputs -> camundaDefault.evaluate("patch-priority", inputs))
                .toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int run = 0; run < 8; run++) {
                runs.add(threads.submit(() -> grid.stream()
                        .map(inputs -> cached.evaluate("patch-priority", inputs)).toList()));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void legacyFeelStaysAvailable() {
        DefaultDmnEngineConfiguration legacy = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        legacy.enableFeelLegacyBehavior(true);
        assertThat(new CachedFeelEngineFactory(legacy).createInstance()).isNotInstanceOf(ScalaFeelEngine.class);
    }

    private void assertSameDecisions(String decision, List<Map<String, Object>> grid) {
        assertThat(grid).hasSizeGreaterThan(1);
        for (Map<String, Object> inputs : grid) {
            assertThat(cached.evaluate(decision, inputs)).as("%s %s", decision, inputs)
                    .isEqualTo(camundaDefault.evaluate(decision, inputs));
        }
    }

    private FeelEngine defaultFeel() {
        return camundaDefault.feel();
    }

    private FeelEngine cachedFeel() {
        return cached.feel();
    }

    static DefaultDmnEngineConfiguration withCachedFeel(DmnEngineConfiguration configuration) {
        DefaultDmnEngineConfiguration dmn = (DefaultDmnEngineConfiguration) configuration;
        dmn.setFeelEngineFactory(new CachedFeelEngineFactory(dmn));
        return dmn;
    }

    /** The value, or the exception's type and message: what Camunda would surface. */
    static String outcome(java.util.concurrent.Callable<Object> evaluation) {
        try {
            Object value = evaluation.call();
            return value == null ? "null" : value.getClass().getName() + ":" + value;
        } catch (Exception e) {
            return e.getClass().getName() + ":" + e.getMessage();
        }
    }

    static Object[] values(Object... values) {
        return values;
    }

    static List<Map<String, Object>> grid(Map<String, Object[]> dimensions) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new HashMap<>());
        for (Map.Entry<String, Object[]> dimension : dimensions.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                for (Object value : dimension.getValue()) {
                    Map<String, Object> extended = new HashMap<>(row);
                    extended.put(dimension.getKey(), value);
                    next.add(extended);
                }
            }
            rows = next;
        }
        return rows;
    }

    static String tableWithInputEntry(String entry) {
        return """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="broken-definitions" name="broken"
                             namespace="http://patchflow.io/test">
                  <decision id="broken" name="broken">
                    <decisionTable id="table" hitPolicy="FIRST">
                      <input id="in"><inputExpression id="expr" typeRef="integer"><text>count</text></inputExpression></input>
                      <output id="out" name="result" typeRef="string"/>
                      <rule id="rule">
                        <inputEntry id="entry"><text>%s</text></inputEntry>
                        <outputEntry id="value"><text>"hit"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(entry.replace(">", "&gt;"));
    }

    /** One DMN engine with the deployed tables, and what each evaluation matched. */
    static final class Decisions {

        final DefaultDmnEngineConfiguration configuration;
        final DmnEngine engine;
        final Map<String, DmnDecision> deployed = new HashMap<>();
        final ThreadLocal<List<String>> matchedRules = ThreadLocal.withInitial(ArrayList::new);

        Decisions(DmnEngineConfiguration configuration) {
            this.configuration = (DefaultDmnEngineConfiguration) configuration;
            this.configuration.customPostDecisionEvaluationListeners(List.of(new DmnDecisionEvaluationListener() {
                @Override
                public void notify(DmnDecisionEvaluationEvent event) {
                    if (event.getDecisionResult() instanceof DmnDecisionTableEvaluationEvent table) {
                        table.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId)
                                .forEach(matchedRules.get()::add);
                    }
                }
            }));
            this.engine = this.configuration.buildEngine();
            for (String id : DEPLOYED) {
                DmnModelInstance model = Dmn.readModelFromFile(new File("bpmn/" + id + ".dmn"));
                deployed.put(id, engine.parseDecision(id, model));
            }
        }

        FeelEngine feel() {
            return configuration.getFeelEngine();
        }

        /** Every output of every matched rule, the matched rule ids, or the failure. */
        String evaluate(String decision, Map<String, Object> inputs) {
            matchedRules.get().clear();
            String result = outcome(() -> engine.evaluateDecision(deployed.get(decision), Variables.fromMap(inputs))
                    .getResultList().stream().map(Decisions::typed).toList());
            return result + " rules " + matchedRules.get();
        }

        static String typed(Map<String, Object> outputs) {
            return new java.util.TreeMap<>(outputs).entrySet().stream()
                    .map(output -> output.getKey() + "=" + outcome(output::getValue)).toList().toString();
        }

        String failureOf(String dmnXml) {
            DmnDecision decision = engine.parseDecisions(new ByteArrayInputStream(
                    dmnXml.getBytes(StandardCharsets.UTF_8))).get(0);
            return outcome(() -> engine.evaluateDecision(decision, Variables.createVariables().putValue("count", 3)));
        }
    }
}
