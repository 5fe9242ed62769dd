package io.patchflow.deployment.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import io.patchflow.deployment.DeploymentBackend;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.internal.RolloutRepository.HostRow;
import io.patchflow.deployment.internal.RolloutRepository.RingRow;
import io.patchflow.deployment.internal.RolloutRepository.RolloutRow;
import io.patchflow.shared.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys one batch of the current ring through the back end, records every host's result, and decides what
 * comes next by the ring's failure budget. Rolls back a breached ring batch by batch, newest first.
 */
@Component
public class BatchRunner {

    private final RolloutRepository rollouts;
    private final DeploymentBackend backend;
    private final ApplicationEventPublisher events;

    BatchRunner(RolloutRepository rollouts, DeploymentBackend backend, ApplicationEventPublisher events) {
        this.rollouts = rollouts;
        this.backend = backend;
        this.events = events;
    }

    @Transactional
    public BatchReport deployNextBatch(long rolloutId, Instant deadline) {
        RolloutRow rollout = rollout(rolloutId);
        List<RingRow> rings = rollouts.rings(rolloutId);
        RingRow ring = rings.stream().filter(r -> r.state().equals("PENDING") || r.state().equals("RUNNING"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Rollout " + rolloutId + " has no ring left to deploy"));
        boolean lastRing = rings.stream().noneMatch(r -> r.position() > ring.position()
                && (r.state().equals("PENDING") || r.state().equals("RUNNING")));
        if (deadline != null && Instant.now().isAfter(deadline)) {
            audit(rollout, "rollout.window-closed", "Maintenance window cut-off passed before ring " + ring.name()
                    + " finished; the rest waits for the next window", Map.of("cutoff", deadline.toString()), Map.of());
            return report(BatchOutcome.WINDOW_CLOSED, ring, 0, 0, 0, lastRing);
        }
        rollouts.updateRingState(ring.id(), "RUNNING");
        List<HostRow> hosts = rollouts.hosts(ring.id());
        int batchNo = hosts.stream().filter(h -> h.batchNo() != null).mapToInt(HostRow::batchNo).max().orElse(0) + 1;
        List<HostRow> batch = hosts.stream().filter(h -> h.state() == HostState.PENDING).limit(ring.batchSize())
                .toList();
        batch.forEach(h -> rollouts.startHost(h.id(), batchNo));
        List<HostOutcome> outcomes = backend.patch(batch.stream()
                .map(h -> new PatchOrder(h.hostName(), h.targets())).toList());
        int succeeded = record(rollout, ring, batch, outcomes, "rollout.host");

        List<HostRow> after = rollouts.hosts(ring.id());
        int failedInRing = (int) after.stream().filter(h -> h.state().failed()).count();
        boolean morePending = after.stream().anyMatch(h -> h.state() == HostState.PENDING);
        BatchOutcome outcome;
        if (failedInRing > ring.failureBudget()) {
            outcome = BatchOutcome.BUDGET_BREACHED;
            rollouts.updateRingState(ring.id(), "BREACHED");
        } else if (morePending) {
            outcome = BatchOutcome.MORE_BATCHES;
        } else {
            outcome = BatchOutcome.RING_COMPLETED;
            rollouts.updateRingState(ring.id(), "COMPLETED");
            if (lastRing) {
                rollouts.updateRollout(rolloutId, "COMPLETED", rollout.attempt());
            }
        }
        audit(rollout, "rollout.batch", "Ring " + ring.name() + " batch " + batchNo + ": " + succeeded + " succeeded, "
                + (batch.size() - succeeded) + " failed; " + failedInRing + " failed in ring, budget "
                + ring.failureBudget() + " -> " + outcome,
                Map.of("ring", ring.name(), "batch", batchNo, "hosts", batch.stream().map(HostRow::hostName).toList(),
                        "failureBudget", ring.failureBudget()),
                Map.of("outcome", outcome.name(), "succeeded", succeeded, "failedInRing", failedInRing));
        return report(outcome, ring, batchNo, succeeded, failedInRing, lastRing);
    }

    /** Rolls back the newest batch of the breached ring not yet rolled back; returns the hosts restored. */
    @Transactional
    public int rollbackLatestBatch(long rolloutId) {
        RolloutRow rollout = rollout(rolloutId);
        RingRow ring = rollouts.rings(rolloutId).stream().filter(r -> r.state().equals("BREACHED")).findFirst()
                .orElse(null);
        if (ring == null) {
            return 0;
        }
        List<HostRow> touched = rollouts.hosts(ring.id()).stream()
                .filter(h -> h.batchNo() != null && h.state() != HostState.ROLLED_BACK
                        && h.state() != HostState.PENDING)
                .toList();
        int newest = touched.stream().mapToInt(HostRow::batchNo).max().orElse(0);
        List<HostRow> batch = touched.stream().filter(h -> h.batchNo() == newest).toList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<HostOutcome> outcomes = backend.rollback(batch.stream()
                .map(h -> new PatchOrder(h.hostName(), h.previous())).toList());
        Map<String, HostOutcome> byHost = index(outcomes);
        int restored = 0;
        for (HostRow host : batch) {
            HostOutcome outcome = byHost.get(host.hostName());
            boolean ok = outcome != null && outcome.state().succeeded();
            rollouts.finishHost(host.id(), ok ? HostState.ROLLED_BACK : HostState.FAILED,
                    ok ? "rolled back to the versions recorded before the change"
                            : "rollback failed: " + (outcome == null ? "no result" : outcome.message()), null);
            restored += ok ? 1 : 0;
            audit(rollout, "rollout.rollback.host", "Host " + host.hostName() + (ok ? " rolled back" : " rollback failed"),
                    Map.of("host", host.hostName(), "ring", ring.name(), "batch", newest,
                            "restore", host.previous().stream().map(p -> p.name() + "=" + p.version()).toList()),
                    Map.of("state", ok ? "ROLLED_BACK" : "FAILED"));
        }
        return restored;
    }

    @Transactional
    public void halt(long rolloutId, String reason) {
        RolloutRow rollout = rollout(rolloutId);
        rollouts.updateRollout(rolloutId, "HALTED", rollout.attempt());
        rollouts.rings(rolloutId).stream().filter(r -> r.state().equals("BREACHED"))
                .forEach(r -> rollouts.updateRingState(r.id(), "ROLLED_BACK"));
        audit(rollout, "rollout.halted", "Rollout of stage " + rollout.stage() + " halted: " + reason,
                Map.of("stage", rollout.stage()), Map.of("state", "HALTED"));
    }

    private int record(RolloutRow rollout, RingRow ring, List<HostRow> batch, List<HostOutcome> outcomes,
            String kind) {
        Map<String, HostOutcome> byHost = index(outcomes);
        int succeeded = 0;
        for (HostRow host : batch) {
            HostOutcome outcome = byHost.getOrDefault(host.hostName(),
                    new HostOutcome(host.hostName(), HostState.FAILED, "the back end reported no result", null));
            rollouts.finishHost(host.id(), outcome.state(), outcome.message(), outcome.previousVersions());
            succeeded += outcome.state().succeeded() ? 1 : 0;
            Map<String, Object> result = new HashMap<>();
            result.put("state", outcome.state().name());
            if (outcome.message() != null) {
                result.put("message", outcome.message());
            }
            audit(rollout, kind, "Host " + host.hostName() + ": " + outcome.state(),
                    Map.of("host", host.hostName(), "ring", ring.name(),
                            "targets", host.targets().stream().map(p -> p.name() + "=" + p.version()).toList()),
                    result);
        }
        return succeeded;
    }

    private static Map<String, HostOutcome> index(List<HostOutcome> outcomes) {
        Map<String, HostOutcome> byHost = new LinkedHashMap<>();
        outcomes.forEach(o -> byHost.put(o.host(), o));
        return byHost;
    }

    private BatchReport report(BatchOutcome outcome, RingRow ring, int batch, int succeeded, int failed,
            boolean lastRing) {
        return new BatchReport(outcome, ring.name(), batch, succeeded, failed, ring.failureBudget(), lastRing,
                ring.manualPromotion(), Duration.ofSeconds(ring.soakSeconds()));
    }

    private RolloutRow rollout(long id) {
        return rollouts.find(id).orElseThrow(() -> new NotFoundException("No rollout " + id));
    }

    private void audit(RolloutRow rollout, String kind, String summary, Map<String, Object> inputs,
            Map<String, Object> outcome) {
        events.publishEvent(new AuditRecord(rollout.changeId(), kind, "system", summary, null, inputs, outcome));
    }
}
