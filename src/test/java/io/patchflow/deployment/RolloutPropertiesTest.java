package io.patchflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.deployment.RolloutProperties.PlanSpec;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Rollout plans as configured: budgets and concurrency as counts or percentages, plan selection, the configuration
 * written before plans existed, and start-up refusing a mistake with the property that holds it.
 */
class RolloutPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(RolloutProperties.class)
    static class Plans {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Plans.class);

    @Test
    void aFailureBudgetPercentageRoundsDownAndACountIsACount() {
        assertThat(ring("5%", "1", null).failureBudgetOf(10)).as("5% of 10 tolerates no failure").isZero();
        assertThat(ring("10%", "1", null).failureBudgetOf(10)).isEqualTo(1);
        assertThat(ring("25%", "1", null).failureBudgetOf(10)).as("2.5 rounds down").isEqualTo(2);
        assertThat(ring("3", "1", null).failureBudgetOf(10)).isEqualTo(3);
        assertThat(ring("100%", "1", null).failureBudgetOf(7)).isEqualTo(7);
    }

    @Test
    void concurrencyAsAPercentageRoundsUpToAtLeastOneHost() {
        assertThat(ring("0", null, "25%").batchSizeOf(10)).as("2.5 hosts at once rounds up").isEqualTo(3);
        assertThat(ring("0", null, "1%").batchSizeOf(10)).as("never zero hosts").isEqualTo(1);
        assertThat(ring("0", null, "50").batchSizeOf(10)).as("at most the ring").isEqualTo(10);
        assertThat(ring("0", "2", null).batchSizeOf(10)).as("batch-size means the same").isEqualTo(2);
        assertThat(ring("0", null, null).batchSizeOf(10)).as("neither: the whole ring at once").isEqualTo(10);
    }

    @Test
    void ringsConfiguredAsBeforePlansExistedStillBindAndAStageLeftOutKeepsItsBuiltInPlan() {
        context.withPropertyValues(
                "patchflow.rollout.stages.production[0].name=canary",
                "patchflow.rollout.stages.production[0].share=10%",
                "patchflow.rollout.stages.production[0].batch-size=1",
                "patchflow.rollout.stages.production[0].failure-budget=0",
                "patchflow.rollout.stages.production[0].soak=PT10S",
                "patchflow.rollout.stages.production[1].name=broad",
                "patchflow.rollout.stages.production[1].environments[0]=prod",
                "patchflow.rollout.stages.production[1].batch-size=25%",
                "patchflow.rollout.stages.production[1].manual-promotion=true")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    RolloutProperties plans = started.getBean(RolloutProperties.class);
                    assertThat(plans.ringsFor("production")).extracting(RingSpec::name, RingSpec::share,
                            RingSpec::batchSize, RingSpec::soak, RingSpec::environments, RingSpec::manualPromotion)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("canary", "10%", "1", Duration.ofSeconds(10),
                                            List.of(), false),
                                    org.assertj.core.groups.Tuple.tuple("broad", "100%", "25%", Duration.ZERO,
                                            List.of("prod"), true));
                    assertThat(plans.ringsFor("test")).extracting(RingSpec::name).containsExactly("test");
                    assertThat(plans.plansFor("production")).extracting(PlanSpec::name).containsExactly("default");
                });
    }

    @Test
    void plansBindWithTheirSelectorsAndComeBeforeTheDefaultPlanOfTheirStage() {
        context.withPropertyValues(
                "patchflow.rollout.plans[0].name=databases",
                "patchflow.rollout.plans[0].groups[0]=db",
                "patchflow.rollout.plans[0].rings[0].name=db-canary",
                "patchflow.rollout.plans[0].rings[0].hosts[0]=db-canary-*",
                "patchflow.rollout.plans[0].rings[0].max-concurrency=1",
                "patchflow.rollout.plans[0].rings[1].name=db-rest",
                "patchflow.rollout.plans[0].rings[1].labels.criticality=high",
                "patchflow.rollout.plans[0].rings[1].failure-budget=5%",
                "patchflow.rollout.plans[1].name=lab",
                "patchflow.rollout.plans[1].stage=test",
                "patchflow.rollout.plans[1].environments[0]=lab",
                "patchflow.rollout.plans[1].rings[0].name=lab")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    RolloutProperties plans = started.getBean(RolloutProperties.class);
                    assertThat(plans.plansFor("production")).extracting(PlanSpec::name)
                            .containsExactly("databases", "default");
                    assertThat(plans.plansFor("test")).extracting(PlanSpec::name).containsExactly("lab", "default");
                    PlanSpec databases = plans.plansFor("production").get(0);
                    assertThat(databases.stage()).as("production unless said otherwise").isEqualTo("production");
                    assertThat(databases.rings().get(0).hosts()).containsExactly("db-canary-*");
                    assertThat(databases.rings().get(0).batchSizeOf(5)).isEqualTo(1);
                    assertThat(databases.rings().get(1).labels()).containsEntry("criticality", "high");
                });
    }

    @Test
    void startUpRefusesABatchSizeThatIsNotACountOrAPercentageNamingTheProperty() {
        assertRefused("patchflow.rollout.stages.production[1].batch-size must be a whole number of hosts or a "
                + "percentage", "patchflow.rollout.stages.production[0].name=canary",
                "patchflow.rollout.stages.production[1].name=broad",
                "patchflow.rollout.stages.production[1].batch-size=ten");
    }

    @Test
    void startUpRefusesAFailureBudgetOverAHundredPercent() {
        assertRefused("patchflow.rollout.plans[0].rings[0].failure-budget must be",
                "patchflow.rollout.plans[0].name=db", "patchflow.rollout.plans[0].groups[0]=db",
                "patchflow.rollout.plans[0].rings[0].name=all",
                "patchflow.rollout.plans[0].rings[0].failure-budget=150%");
    }

    @Test
    void startUpRefusesBatchSizeAndMaxConcurrencyTogether() {
        assertRefused("patchflow.rollout.stages.production[0]: set batch-size or max-concurrency, not both",
                "patchflow.rollout.stages.production[0].name=all",
                "patchflow.rollout.stages.production[0].batch-size=2",
                "patchflow.rollout.stages.production[0].max-concurrency=10%");
    }

    @Test
    void startUpRefusesAZeroShare() {
        assertRefused("patchflow.rollout.stages.production[0].share must be at least 1 host or 1%",
                "patchflow.rollout.stages.production[0].name=canary",
                "patchflow.rollout.stages.production[0].share=0%");
    }

    @Test
    void startUpRefusesALabelThatIsNotAnInventoryAttribute() {
        assertRefused("patchflow.rollout.stages.production[0].labels.datacenter is not an inventory attribute",
                "patchflow.rollout.stages.production[0].name=canary",
                "patchflow.rollout.stages.production[0].labels.datacenter=fra1");
    }

    @Test
    void startUpRefusesAPlanThatSelectsNoHostsAndOneNamedDefault() {
        assertRefused("patchflow.rollout.plans[0] selects no hosts", "patchflow.rollout.plans[0].name=everything",
                "patchflow.rollout.plans[0].rings[0].name=all");
        assertRefused("patchflow.rollout.plans[0].name 'default' is the name of the stage's plan",
                "patchflow.rollout.plans[0].name=default", "patchflow.rollout.plans[0].groups[0]=db",
                "patchflow.rollout.plans[0].rings[0].name=all");
    }

    @Test
    void startUpRefusesAnUnknownStageDuplicateRingNamesAndSoakWithManualPromotion() {
        assertRefused("patchflow.rollout.stages.prodution: unknown stage 'prodution'",
                "patchflow.rollout.stages.prodution[0].name=all");
        assertRefused("patchflow.rollout.stages.production[1].name 'canary' is used by an earlier ring",
                "patchflow.rollout.stages.production[0].name=canary",
                "patchflow.rollout.stages.production[1].name=canary");
        assertRefused("patchflow.rollout.stages.production[0]: soak has no effect with manual-promotion",
                "patchflow.rollout.stages.production[0].name=canary",
                "patchflow.rollout.stages.production[0].manual-promotion=true",
                "patchflow.rollout.stages.production[0].soak=PT1H",
                "patchflow.rollout.stages.production[1].name=broad");
    }

    private void assertRefused(String message, String... properties) {
        context.withPropertyValues(properties).run(started -> {
            assertThat(started).hasFailed();
            Throwable cause = started.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause.getMessage()).contains(message);
        });
    }

    private static RingSpec ring(String failureBudget, String batchSize, String maxConcurrency) {
        return new RingSpec("ring", List.of(), List.of(), List.of(), Map.of(), null, batchSize, maxConcurrency,
                failureBudget, false, null);
    }
}
