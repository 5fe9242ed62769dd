package io.patchflow.deployment.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.RolloutPlanned;
import io.patchflow.deployment.RolloutProperties;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import io.patchflow.deployment.internal.RingAssignment.PlannedRing;
import io.patchflow.deployment.internal.RolloutRepository.HostRow;
import io.patchflow.deployment.internal.RolloutRepository.RingRow;
import io.patchflow.deployment.internal.RolloutRepository.RolloutRow;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans a rollout: each host takes the plan of its environment or group (the stage's default plan otherwise), and
 * the plan's rings take the hosts (RingAssignment). Planning again (a retry) keeps what already
 * succeeded and puts everything else back to pending, so a retry continues where the rollout stopped.
 */
@Component
public class RolloutPlanner {

    private final RolloutRepository rollouts;
    private final RolloutProperties plans;
    private final Fleet fleet;
    private final ApplicationEventPublisher events;

    RolloutPlanner(RolloutRepository rollouts, RolloutProperties plans, Fleet fleet, ApplicationEventPublisher events) {
        this.rollouts = rollouts;
        this.plans = plans;
        this.fleet = fleet;
        this.events = events;
    }

    @Transactional
    public RolloutPlanned plan(String changeId, String stage, List<PatchOrder> orders, boolean redeploySucceeded) {
        List<PatchOrder> wanted = withoutHostsPatchedInEarlierStages(changeId, stage, orders);
        RolloutRow existing = rollouts.find(changeId, stage).orElse(null);
        long rolloutId = existing == null ? create(changeId, stage, wanted) : replan(existing, wanted, redeploySucceeded);
        List<RingRow> rings = rollouts.rings(rolloutId);
        int pending = (int) rings.stream().filter(r -> !r.state().equals("COMPLETED")).count();
        if (pending == 0) {
            // Nothing to deploy in this stage (no host of its environments is affected): it is complete as planned.
            rollouts.updateRollout(rolloutId, "COMPLETED", rollouts.find(rolloutId).orElseThrow().attempt());
        }
        events.publishEvent(new AuditRecord(changeId, "rollout.planned", "system",
                "Rollout of stage " + stage + " planned: " + pending + " ring(s) to deploy", null,
                Map.of("stage", stage, "hosts", wanted.size(), "attempt", existing == null ? 1 : existing.attempt() + 1),
                Map.of("rings", rings.stream().map(r -> label(r) + ":" + r.state()).toList())));
        return new RolloutPlanned(rolloutId, pending, rollouts.hostCount(rolloutId));
    }

    private static String label(RingRow ring) {
        return RolloutProperties.DEFAULT_PLAN.equals(ring.plan()) ? ring.name() : ring.plan() + "/" + ring.name();
    }

    private List<PatchOrder> withoutHostsPatchedInEarlierStages(String changeId, String stage, List<PatchOrder> orders) {
        if (!RolloutProperties.PRODUCTION.equals(stage)) {
            return orders;
        }
        Set<String> testedHosts = new HashSet<>(rollouts.succeededHosts(changeId, RolloutProperties.TEST));
        return orders.stream().filter(o -> !testedHosts.contains(o.host())).toList();
    }

    private long create(String changeId, String stage, List<PatchOrder> orders) {
        long rolloutId = rollouts.insertRollout(changeId, stage);
        Map<String, PatchOrder> byHost = orders.stream()
                .collect(Collectors.toMap(PatchOrder::host, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<HostView> hosts = fleet.hosts(byHost.keySet());
        int position = 0;
        for (PlannedRing ring : RingAssignment.assign(plans.plansFor(stage), hosts)) {
            List<HostView> members = ring.hosts();
            if (members.isEmpty()) {
                continue;
            }
            RingSpec spec = ring.spec();
            long ringId = rollouts.insertRing(rolloutId, position++, ring.plan(), spec.name(),
                    spec.batchSizeOf(members.size()), spec.failureBudgetOf(members.size()), spec.manualPromotion(),
                    spec.soak().toSeconds());
            rollouts.insertHosts(ringId, members.stream().map(h -> byHost.get(h.name())).toList());
        }
        return rolloutId;
    }

    private long replan(RolloutRow rollout, List<PatchOrder> orders, boolean redeploySucceeded) {
        Map<String, PatchOrder> byHost = new HashMap<>();
        orders.forEach(o -> byHost.put(o.host(), o));
        List<RingRow> rings = rollouts.rings(rollout.id());
        Map<Long, List<HostRow>> hostsByRing = rollouts.hostsOfRollout(rollout.id()).stream()
                .collect(Collectors.groupingBy(HostRow::ringId));
        for (RingRow ring : rings) {
            boolean reopened = false;
            for (HostRow host : hostsByRing.getOrDefault(ring.id(), List.of())) {
                PatchOrder order = byHost.remove(host.hostName());
                boolean redo = order != null && (!host.state().succeeded() || redeploySucceeded);
                if (redo) {
                    rollouts.resetHost(host.id(), order.packages());
                    reopened = true;
                }
            }
            if (reopened || !ring.state().equals("COMPLETED")) {
                rollouts.updateRingState(ring.id(), "PENDING");
            }
        }
        if (!byHost.isEmpty() && !rings.isEmpty()) {
            // Hosts found vulnerable since the plan was made join the last ring.
            RingRow last = rings.get(rings.size() - 1);
            rollouts.insertHosts(last.id(), List.copyOf(byHost.values()));
            rollouts.updateRingState(last.id(), "PENDING");
        }
        rollouts.updateRollout(rollout.id(), "RUNNING", rollout.attempt() + 1);
        return rollout.id();
    }
}
