package io.patchflow.deployment.internal;

import io.patchflow.deployment.Quantity;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import io.patchflow.inventory.HostView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits hosts into rings: each ring takes its share of the hosts not yet assigned, lower environments first,
 * so the canary lands on staging before production when there is a choice. The last ring takes all its eligible
 * hosts whatever its share says; hosts no ring accepts are not part of this stage.
 */
final class RingAssignment {

    private RingAssignment() {
    }

    static Map<RingSpec, List<HostView>> assign(List<RingSpec> rings, List<HostView> hosts) {
        List<HostView> remaining = new ArrayList<>(hosts);
        remaining.sort(Comparator.comparingInt((HostView h) -> environmentRank(h.environment()))
                .thenComparing(HostView::name));
        Map<RingSpec, List<HostView>> assigned = new LinkedHashMap<>();
        for (int i = 0; i < rings.size(); i++) {
            RingSpec ring = rings.get(i);
            boolean last = i == rings.size() - 1;
            List<HostView> eligible = remaining.stream()
                    .filter(h -> ring.environments().isEmpty() || ring.environments().contains(h.environment()))
                    .toList();
            int take = last ? eligible.size() : Quantity.parse("share", ring.share()).atLeastOneOf(eligible.size());
            List<HostView> members = eligible.subList(0, take);
            assigned.put(ring, List.copyOf(members));
            remaining.removeAll(members);
        }
        return assigned;
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
