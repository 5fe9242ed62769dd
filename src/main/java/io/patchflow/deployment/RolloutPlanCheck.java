package io.patchflow.deployment;

import io.patchflow.deployment.RolloutProperties.PlanSpec;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import io.patchflow.shared.BadInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rollout plans when the application starts, so a typo stops the start with the property that holds it
 * instead of halting a rollout at three in the morning.
 */
final class RolloutPlanCheck {

    /** The inventory attributes a ring's {@code labels} may select on. */
    static final Set<String> LABELS = Set.of("environment", "group", "criticality", "os", "internet-facing");

    private static final Set<String> STAGES = Set.of(RolloutProperties.TEST, RolloutProperties.PRODUCTION);

    private RolloutPlanCheck() {
    }

    static void check(Map<String, List<RingSpec>> stages, List<PlanSpec> plans) {
        stages.forEach((stage, rings) -> {
            String path = RolloutProperties.PREFIX + ".stages." + stage;
            require(STAGES.contains(stage), path + ": unknown stage '" + stage + "'; the stages are test and "
                    + "production");
            rings(path, rings);
        });
        Set<String> names = new HashSet<>();
        for (int i = 0; i < plans.size(); i++) {
            PlanSpec plan = plans.get(i);
            String path = RolloutProperties.PREFIX + ".plans[" + i + "]";
            require(plan.name() != null && !plan.name().isBlank(), path + ".name is required");
            require(!plan.name().equals(RolloutProperties.DEFAULT_PLAN), path + ".name 'default' is the name of the "
                    + "stage's plan (" + RolloutProperties.PREFIX + ".stages.<stage>); choose another");
            require(names.add(plan.name()), path + ".name '" + plan.name() + "' is used by an earlier plan");
            require(STAGES.contains(plan.stage()), path + ".stage must be test or production, not '" + plan.stage()
                    + "'");
            require(!plan.environments().isEmpty() || !plan.groups().isEmpty(), path + " selects no hosts: give it "
                    + "environments or groups (a plan for every host is " + RolloutProperties.PREFIX + ".stages."
                    + plan.stage() + ")");
            rings(path + ".rings", plan.rings());
        }
    }

    private static void rings(String path, List<RingSpec> rings) {
        require(!rings.isEmpty(), path + " must list at least one ring");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rings.size(); i++) {
            ring(path + "[" + i + "]", rings.get(i), names);
        }
    }

    private static void ring(String path, RingSpec ring, Set<String> names) {
        require(ring.name() != null && !ring.name().isBlank(), path + ".name is required");
        require(ring.name().length() <= 64, path + ".name must be at most 64 characters");
        require(names.add(ring.name()), path + ".name '" + ring.name() + "' is used by an earlier ring of this plan");
        require(ring.hosts().stream().noneMatch(h -> h == null || h.isBlank()), path + ".hosts has an empty name");
        ring.labels().keySet().forEach(label -> require(LABELS.contains(label), path + ".labels." + label
                + " is not an inventory attribute; use one of " + LABELS.stream().sorted().toList()));
        size(path + ".share", ring.share());
        require(ring.batchSize() == null || ring.maxConcurrency() == null, path + ": set batch-size or "
                + "max-concurrency, not both (they mean the same: how many hosts are patched at once)");
        if (ring.batchSize() != null) {
            size(path + ".batch-size", ring.batchSize());
        }
        if (ring.maxConcurrency() != null) {
            size(path + ".max-concurrency", ring.maxConcurrency());
        }
        Quantity.parse(path + ".failure-budget", ring.failureBudget());
        require(!ring.soak().isNegative(), path + ".soak must not be negative");
        require(!ring.manualPromotion() || ring.soak().isZero(), path + ": soak has no effect with "
                + "manual-promotion (the person promoting decides when); remove one of them");
    }

    /** A share or batch size of 0 would never take a host: refused rather than rounded up silently. */
    private static void size(String field, String text) {
        Quantity quantity = Quantity.parse(field, text);
        require(quantity.value() > 0, field + " must be at least 1 host or 1%, not '" + text + "'");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException("patchflow.rollout", message);
        }
    }
}
