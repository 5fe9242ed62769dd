package io.patchflow.deployment.internal;

import io.patchflow.deployment.Quantity;
import io.patchflow.deployment.RolloutProperties.PlanSpec;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import io.patchflow.inventory.HostView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a stage's hosts into plans and rings. A host takes the first plan that matches its environment or groups
 * (the default plan, last, takes the rest); plans deploy one after the other in that order. Within a plan each ring
 * takes, of the hosts not yet assigned, those its selectors match, then its share of them, lower environments first,
 * so the canary lands on staging before production when there is a choice. The last ring takes all it matches
 * whatever its share says; hosts no ring accepts are not part of this stage.
 */
final class RingAssignment {

    /** The hosts of one ring of one plan, in deployment order. */
    record PlannedRing(String plan, RingSpec spec, List<HostView> hosts) {
    }

    private RingAssignment() {
    }

    static List<PlannedRing> assign(List<PlanSpec> plans, List<HostView> hosts) {
        Map<PlanSpec, List<HostView>> byPlan = new LinkedHashMap<>();
        plans.forEach(plan -> byPlan.put(plan, new ArrayList<>()));
        for (HostView host : hosts) {
            plans.stream().filter(p -> p.matches(host)).findFirst().ifPresent(p -> byPlan.get(p).add(host));
        }
        List<PlannedRing> rings = new ArrayList<>();
        byPlan.forEach((plan, members) -> assignRings(plan.rings(), members)
                .forEach((spec, ringHosts) -> rings.add(new PlannedRing(plan.name(), spec, ringHosts))));
        return rings;
    }

    static Map<RingSpec, List<HostView>> assignRings(List<RingSpec> rings, List<HostView> hosts) {
        List<HostView> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparingInt((HostView h) -> environmentRank(h.environment()))
                .thenComparing(HostView::name));
        // Insertion-ordered set: removing a ring's members stays cheap at 10,000 hosts and keeps the order.
        Set<HostView> remaining = new LinkedHashSet<>(sorted);
        Map<RingSpec, List<HostView>> assigned = new LinkedHashMap<>();
        for (int i = 0; i < rings.size(); i++) {
            RingSpec ring = rings.get(i);
            boolean last = i == rings.size() - 1;
            List<Pattern> names = ring.hosts().stream().map(RingAssignment::glob).toList();
            List<HostView> eligible = remaining.stream().filter(h -> selects(ring, names, h)).toList();
            int take = last ? eligible.size() : Quantity.parse("share", ring.share()).atLeastOneOf(eligible.size());
            List<HostView> members = List.copyOf(eligible.subList(0, take));
            assigned.put(ring, members);
            members.forEach(remaining::remove);
        }
        return assigned;
    }

    /** All selectors of the ring match the host; a selector left empty matches every host. */
    static boolean selects(RingSpec ring, List<Pattern> names, HostView host) {
        return (names.isEmpty() || names.stream().anyMatch(p -> p.matcher(host.name()).matches()))
                && (ring.environments().isEmpty() || ring.environments().contains(host.environment()))
                && (ring.groups().isEmpty() || host.groups().stream().anyMatch(ring.groups()::contains))
                && ring.labels().entrySet().stream().allMatch(l -> hasLabel(host, l.getKey(), l.getValue()));
    }

    private static boolean hasLabel(HostView host, String label, String value) {
        return switch (label) {
            case "environment" -> value.equals(host.environment());
            case "group" -> host.groups().contains(value);
            case "criticality" -> value.equalsIgnoreCase(host.criticality());
            case "os" -> value.equals(host.os()) || (host.os() != null && host.os().startsWith(value + ":"));
            case "internet-facing" -> Boolean.parseBoolean(value) == host.internetFacing();
            default -> false; // refused at start-up (RolloutPlanCheck)
        };
    }

    /** A host name with {@code *} for any characters; everything else is literal. */
    private static Pattern glob(String name) {
        StringBuilder regex = new StringBuilder();
        for (String part : name.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    static int environmentRank(String environment) {
        if (environment == null) {
            return 3;
        }
        return switch (environment.toLowerCase()) {
            case "test", "dev", "development", "lab" -> 0;
            case "staging", "pilot", "preprod", "uat" -> 1;
            case "prod", "production" -> 2;
            default -> 3;
        };
    }
}
