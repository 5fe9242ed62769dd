package io.patchflow.deployment;

import io.patchflow.inventory.HostView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Rollout plans (docs/rollout-plans.md). {@code stages.<stage>} is the default plan of a stage ({@code test},
 * {@code production}): its rings in order. {@code plans} are plans chosen by the hosts' environment or host group;
 * a host takes the first plan that matches it, and the default plan when none does. Everything is checked when the
 * application starts, and a mistake is reported with the property that holds it.
 */
@ConfigurationProperties("patchflow.rollout")
public record RolloutProperties(Map<String, List<RingSpec>> stages, List<PlanSpec> plans) {

    public static final String TEST = "test";
    public static final String PRODUCTION = "production";
    public static final String DEFAULT_PLAN = "default";
    static final String PREFIX = "patchflow.rollout";

    public RolloutProperties {
        Map<String, List<RingSpec>> merged = new LinkedHashMap<>(defaults());
        if (stages != null) {
            // A stage left out keeps its built-in plan: configuring production alone must not break the test stage.
            stages.forEach((stage, rings) -> merged.put(stage, rings == null ? List.of() : List.copyOf(rings)));
        }
        stages = Map.copyOf(merged);
        plans = plans == null ? List.of() : List.copyOf(plans);
        RolloutPlanCheck.check(stages, plans);
    }

    /** The default plan of a stage. */
    public List<RingSpec> ringsFor(String stage) {
        List<RingSpec> rings = stages.get(stage);
        if (rings == null || rings.isEmpty()) {
            throw new IllegalStateException("No rollout plan for stage '" + stage + "': configure " + PREFIX
                    + ".stages." + stage);
        }
        return rings;
    }

    /** The plans a stage's hosts may take, in the order they are tried and deployed; the default plan last. */
    public List<PlanSpec> plansFor(String stage) {
        List<PlanSpec> chosen = new ArrayList<>(plans.stream().filter(p -> p.stage().equals(stage)).toList());
        chosen.add(new PlanSpec(DEFAULT_PLAN, stage, List.of(), List.of(), ringsFor(stage)));
        return chosen;
    }

    /**
     * A plan for the hosts of a stage whose environment is one of {@code environments} (when given) and which are in
     * one of {@code groups} (when given). The default plan has neither and takes every host.
     */
    public record PlanSpec(String name, String stage, List<String> environments, List<String> groups,
            List<RingSpec> rings) {

        public PlanSpec {
            stage = stage == null ? PRODUCTION : stage;
            environments = environments == null ? List.of() : List.copyOf(environments);
            groups = groups == null ? List.of() : List.copyOf(groups);
            rings = rings == null ? List.of() : List.copyOf(rings);
        }

        public boolean matches(HostView host) {
            return (environments.isEmpty() || environments.contains(host.environment()))
                    && (groups.isEmpty() || host.groups().stream().anyMatch(groups::contains));
        }
    }

    /**
     * A ring takes, of the hosts of its plan not yet in an earlier ring, those that match all its selectors
     * ({@code hosts}: names, {@code *} as wildcard; {@code environments}; {@code groups}; {@code labels}: inventory
     * attributes), then {@code share} of them (a count or a percentage; the last ring takes all it matches).
     * {@code batchSize} or {@code maxConcurrency} (the same thing: at most that many hosts are patched at once) and
     * {@code failureBudget} are a host count ("2") or a share of the ring ("25%"). The ring halts when more hosts
     * fail than the budget allows. Promotion to the next ring is manual, or automatic after {@code soak}.
     */
    public record RingSpec(String name, List<String> hosts, List<String> environments, List<String> groups,
            Map<String, String> labels, String share, String batchSize, String maxConcurrency, String failureBudget,
            boolean manualPromotion, Duration soak) {

        @ConstructorBinding
        public RingSpec {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            environments = environments == null ? List.of() : List.copyOf(environments);
            groups = groups == null ? List.of() : List.copyOf(groups);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            share = share == null ? "100%" : share;
            failureBudget = failureBudget == null ? "0" : failureBudget;
            soak = soak == null ? Duration.ZERO : soak;
        }

        /** A ring selecting by environment only, as rings were configured before selectors and plans existed. */
        public RingSpec(String name, List<String> environments, String share, String batchSize, String failureBudget,
                boolean manualPromotion, Duration soak) {
            this(name, List.of(), environments, List.of(), Map.of(), share, batchSize, null, failureBudget,
                    manualPromotion, soak);
        }

        /** How many hosts one batch of a ring of {@code size} hosts takes. */
        public int batchSizeOf(int size) {
            String text = maxConcurrency != null ? maxConcurrency : batchSize == null ? "100%" : batchSize;
            return Quantity.parse("batch-size", text).atLeastOneOf(size);
        }

        /** How many failed hosts a ring of {@code size} hosts tolerates. */
        public int failureBudgetOf(int size) {
            return Quantity.parse("failure-budget", failureBudget).floorOf(size);
        }
    }

    /** Canary, pilot, broad: a small first ring with no tolerance, then growing rings with small budgets. */
    static Map<String, List<RingSpec>> defaults() {
        return Map.of(
                TEST, List.of(new RingSpec("test", List.of("test"), "100%", "100%", "0", false, Duration.ZERO)),
                PRODUCTION, List.of(
                        new RingSpec("canary", List.of(), "10%", "1", "0", false, Duration.ZERO),
                        new RingSpec("pilot", List.of(), "30%", "50%", "10%", false, Duration.ZERO),
                        new RingSpec("broad", List.of(), "100%", "25%", "5%", false, Duration.ZERO)));
    }
}
