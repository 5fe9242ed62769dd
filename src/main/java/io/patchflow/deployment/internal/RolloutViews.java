package io.patchflow.deployment.internal;

import io.patchflow.deployment.RolloutView;
import io.patchflow.deployment.internal.RolloutRepository.HostRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Read models of rollouts for the API and for verification. */
@Component
public class RolloutViews {

    private final RolloutRepository rollouts;

    RolloutViews(RolloutRepository rollouts) {
        this.rollouts = rollouts;
    }

    @Transactional(readOnly = true)
    public List<RolloutView> forChange(String changeId) {
        return rollouts.forChange(changeId).stream().map(rollout -> {
            List<RolloutView.Ring> rings = rollouts.rings(rollout.id()).stream().map(ring -> {
                List<HostRow> hosts = rollouts.hosts(ring.id());
                return new RolloutView.Ring(ring.name(), ring.position(), ring.state(), ring.batchSize(),
                        ring.failureBudget(), ring.manualPromotion(), ring.soakSeconds(), count(hosts),
                        hosts.stream().map(h -> new RolloutView.Host(h.hostName(), h.batchNo(), h.state().name(),
                                h.message(), h.startedAt(), h.finishedAt())).toList());
            }).toList();
            List<HostRow> all = rollouts.rings(rollout.id()).stream()
                    .flatMap(r -> rollouts.hosts(r.id()).stream()).toList();
            return new RolloutView(rollout.id(), rollout.changeId(), rollout.stage(), rollout.state(),
                    rollout.attempt(), count(all), rings);
        }).toList();
    }

    @Transactional(readOnly = true)
    public List<String> patchedHosts(String changeId) {
        return rollouts.forChange(changeId).stream()
                .flatMap(rollout -> rollouts.rings(rollout.id()).stream())
                .flatMap(ring -> rollouts.hosts(ring.id()).stream())
                .filter(h -> h.state().succeeded())
                .map(HostRow::hostName)
                .distinct()
                .sorted()
                .toList();
    }

    private static Map<String, Long> count(List<HostRow> hosts) {
        return hosts.stream().collect(Collectors.groupingBy(h -> h.state().name().toLowerCase().replace('_', '-'),
                TreeMap::new, Collectors.counting()));
    }
}
