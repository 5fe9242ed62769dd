package io.patchflow.deployment.internal;

import io.patchflow.deployment.HostState;
import io.patchflow.deployment.RolloutView;
import io.patchflow.deployment.internal.RolloutRepository.HostRow;
import io.patchflow.deployment.internal.RolloutRepository.RingRow;
import io.patchflow.deployment.internal.RolloutRepository.RolloutRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Read models of rollouts for the API and for verification: two queries per stage, whatever its size. */
@Component
public class RolloutViews {

    private final RolloutRepository rollouts;

    RolloutViews(RolloutRepository rollouts) {
        this.rollouts = rollouts;
    }

    @Transactional(readOnly = true)
    public List<RolloutView> forChange(String changeId) {
        return rollouts.forChange(changeId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public List<String> patchedHosts(String changeId) {
        return rollouts.succeededHosts(changeId);
    }

    private RolloutView view(RolloutRow rollout) {
        List<HostRow> all = rollouts.hostsOfRollout(rollout.id());
        Map<Long, List<HostRow>> byRing = all.stream().collect(Collectors.groupingBy(HostRow::ringId));
        List<RolloutView.Ring> rings = rollouts.rings(rollout.id()).stream()
                .map(ring -> ring(ring, byRing.getOrDefault(ring.id(), List.of())))
                .toList();
        return new RolloutView(rollout.id(), rollout.changeId(), rollout.stage(), rollout.state(), rollout.attempt(),
                all.size(), count(all), rings);
    }

    private static RolloutView.Ring ring(RingRow ring, List<HostRow> hosts) {
        Map<Integer, List<HostRow>> byBatch = hosts.stream().filter(h -> h.batchNo() != null)
                .collect(Collectors.groupingBy(HostRow::batchNo, TreeMap::new, Collectors.toList()));
        List<RolloutView.Batch> batches = byBatch.entrySet().stream()
                .map(b -> new RolloutView.Batch(b.getKey(), b.getValue().size(), count(b.getValue()),
                        earliest(b.getValue()), latest(b.getValue())))
                .toList();
        return new RolloutView.Ring(ring.name(), ring.plan(), ring.position(), ring.state(), ring.batchSize(),
                ring.failureBudget(), ring.manualPromotion(), ring.soakSeconds(), hosts.size(), count(hosts), batches,
                hosts.stream().map(h -> new RolloutView.Host(h.hostName(), h.batchNo(), h.state().name(), h.message(),
                        h.startedAt(), h.finishedAt())).toList());
    }

    /** Every state, zeros included, named as the API writes them ({@code succeeded-reboot-required}). */
    static Map<String, Long> count(List<HostRow> hosts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (HostState state : HostState.values()) {
            counts.put(name(state), 0L);
        }
        hosts.forEach(h -> counts.merge(name(h.state()), 1L, Long::sum));
        return counts;
    }

    private static String name(HostState state) {
        return state.name().toLowerCase().replace('_', '-');
    }

    private static Instant earliest(List<HostRow> hosts) {
        return hosts.stream().map(HostRow::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** When the batch's last host finished; none while a host of it is still running. */
    private static Instant latest(List<HostRow> hosts) {
        if (hosts.stream().anyMatch(h -> h.finishedAt() == null)) {
            return null;
        }
        return hosts.stream().map(HostRow::finishedAt).max(Comparator.naturalOrder()).orElse(null);
    }
}
