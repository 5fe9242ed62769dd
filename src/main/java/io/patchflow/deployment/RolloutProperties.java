package io.patchflow.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rollout plans per stage ({@code test}, {@code production}): the rings in order. A ring takes {@code share} of the
 * hosts still unassigned whose environment is in {@code environments} (any environment when empty), lower
 * environments first (test, then staging/pilot, then prod). {@code batchSize} and {@code failureBudget} are a host
 * count ("2") or a share of the ring ("25%"). The ring halts when more hosts fail than the budget allows.
 */
@ConfigurationProperties("patchflow.rollout")
public record RolloutProperties(Map<String, List<RingSpec>> stages) {

    public static final String TEST = "test";
    public static final String PRODUCTION = "production";

    public RolloutProperties {
        stages = stages == null || stages.isEmpty() ? defaults() : Map.copyOf(stages);
    }

    public List<RingSpec> ringsFor(String stage) {
        List<RingSpec> rings = stages.get(stage);
        if (rings == null || rings.isEmpty()) {
            throw new IllegalStateException("No rollout plan for stage '" + stage + "': configure patchflow.rollout"
                    + ".stages." + stage);
        }
        return rings;
    }

    public record RingSpec(String name, List<String> environments, String share, String batchSize,
            String failureBudget, boolean manualPromotion, Duration soak) {

        public RingSpec {
            environments = environments == null ? List.of() : List.copyOf(environments);
            share = share == null ? "100%" : share;
            batchSize = batchSize == null ? "100%" : batchSize;
            failureBudget = failureBudget == null ? "0" : failureBudget;
            soak = soak == null ? Duration.ZERO : soak;
            Quantity.parse("patchflow.rollout ring " + name + " share", share);
            Quantity.parse("patchflow.rollout ring " + name + " batch-size", batchSize);
            Quantity.parse("patchflow.rollout ring " + name + " failure-budget", failureBudget);
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
