package io.patchflow.deployment.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.Quantity;
import io.patchflow.deployment.RolloutPlanned;
import io.patchflow.deployment.RolloutProperties;
import io.patchflow.deployment.RolloutProperties.RingSpec;
import io.patchflow.deployment.internal.RolloutRepository.HostRow;
import io.patchflow.deployment.internal.RolloutRepository.RingRow;
import io.patchflow.deployment.internal.RolloutRepository.RolloutRow;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import java.util.HashMap;
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
 * Plans a rollout: rings from the stage's plan, hosts assigned to rings. Planning again (a retry) keeps what already
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
        int hosts = rings.stream().mapToInt(r -> rollouts.hosts(r.id()).size()).sum();
        if (pending == 0) {
            // Nothing to deploy in this stage (no host of its environments is affected): it is complete as planned.
            rollouts.updateRollout(rolloutId, "COMPLETED", rollouts.find(rolloutId).orElseThrow().attempt());
        }
        events.publishEvent(new AuditRecord(changeId, "rollout.planned", "system",
                "Rollout of stage " + stage + " planned: " + pending + " ring(s) to deploy", null,
                Map.of("stage", stage, "hosts", wanted.size(), "attempt", existing == null ? 1 : existing.attempt() + 1),
                Map.of("rings", rings.stream().map(r -> r.name() + ":" + r.state()).toList())));
        return new RolloutPlanned(rolloutId, pending, hosts);
    }

    private List<PatchOrder> withoutHostsPatchedInEarlierStages(String changeId, String stage, List<PatchOrder> orders) {
        if (!RolloutProperties.PRODUCTION.equals(stage)) {
            return orders;
        }
        Set<String> testedHosts = rollouts.find(changeId, RolloutProperties.TEST)
                .map(test -> rollouts.rings(test.id()).stream()
                        .flatMap(r -> rollouts.hosts(r.id()).stream())
                        .filter(h -> h.state().succeeded())
                        .map(HostRow::hostName)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        return orders.stream().filter(o -> !testedHosts.contains(o.host())).toList();
    }

    private long create(String changeId, String stage, List<PatchOrder> orders) {
        long rolloutId = rollouts.insertRollout(changeId, stage);
        Map<String, PatchOrder> byHost = orders.stream()
                .collect(Collectors.toMap(PatchOrder::host, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<HostView> hosts = fleet.hosts(byHost.keySet());
        Map<RingSpec, List<HostView>> assignment = RingAssignment.assign(plans.ringsFor(stage), hosts);
        int position = 0;
        for (Map.Entry<RingSpec, List<HostView>> ring : assignment.entrySet()) {
            List<HostView> members = ring.getValue();
            if (members.isEmpty()) {
                continue;
            }
            RingSpec spec = ring.getKey();
            long ringId = rollouts.insertRing(rolloutId, position++, spec.name(),
                    Quantity.parse("batch-size", spec.batchSize()).atLeastOneOf(members.size()),
                    Quantity.parse("failure-budget", spec.failureBudget()).floorOf(members.size()),
                    spec.manualPromotion(), spec.soak().toSeconds());
            members.forEach(h -> rollouts.insertHost(ringId, h.name(), byHost.get(h.name()).packages()));
        }
        return rolloutId;
    }

    private long replan(RolloutRow rollout, List<PatchOrder> orders, boolean redeploySucceeded) {
        Map<String, PatchOrder> byHost = new HashMap<>();
        orders.forEach(o -> byHost.put(o.host(), o));
        List<RingRow> rings = rollouts.rings(rollout.id());
        for (RingRow ring : rings) {
            boolean reopened = false;
            for (HostRow host : rollouts.hosts(ring.id())) {
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
            byHost.values().forEach(o -> rollouts.insertHost(last.id(), o.host(), o.packages()));
            rollouts.updateRingState(last.id(), "PENDING");
        }
        rollouts.updateRollout(rollout.id(), "RUNNING", rollout.attempt() + 1);
        return rollout.id();
    }
}
