package io.patchflow.deployment.internal;

import io.patchflow.audit.AuditRecord;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import io.patchflow.deployment.DeploymentBackend;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.internal.RolloutRepository.HostResult;
import io.patchflow.deployment.internal.RolloutRepository.HostRow;
import io.patchflow.deployment.internal.RolloutRepository.RingRow;
import io.patchflow.deployment.internal.RolloutRepository.RolloutRow;
import io.patchflow.shared.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploys one batch of the current ring through the back end, records every host's result, and decides what
 * comes next by the ring's failure budget. Rolls back a breached ring batch by batch, newest first.
 * <p>
 * A back-end call takes minutes on real machines, so it runs between two short transactions of its own, never inside
 * one: the hosts are marked RUNNING and committed first, then the back end is called, then the results are recorded
 * and committed. The caller's transaction (the engine's job) is suspended meanwhile. A retried job finds the hosts
 * still RUNNING and sends exactly those again; a host with a recorded result is never patched again by the same
 * batch. A node that dies after the back end answered and before the results were committed leaves the hosts
 * RUNNING too: the job, taken over by another node when its lock expires, sends them again with the same
 * {@link DeploymentRun} (change, stage, attempt), and the back end answers from what it applied instead of applying
 * it twice (the DeploymentBackend contract). A job whose results were committed but whose own commit was lost gets
 * the recorded decision again (see decisionAlreadyRecorded). docs/rollout-plans.md#transactions has the whole story.
 */
@Component
public class BatchRunner {

    private final RolloutRepository rollouts;
    private final DeploymentBackend backend;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate noTransaction;

    BatchRunner(RolloutRepository rollouts, DeploymentBackend backend, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.rollouts = rollouts;
        this.backend = backend;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.noTransaction = new TransactionTemplate(transactions);
        this.noTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /**
     * The ring a batch belongs to and its hosts, as committed before the back end is called; or the {@code answer},
     * when there is nothing to send (the window's cut-off passed, or the decision was recorded already).
     */
    private record Claim(RolloutRow rollout, RingRow ring, boolean lastRing, int batchNo, List<HostRow> hosts,
            BatchReport answer) {
    }

    public BatchReport deployNextBatch(long rolloutId, Instant deadline) {
        Claim claim = inOwnTransaction(() -> claim(rolloutId, deadline));
        BatchReport report = claim.answer() != null ? claim.answer() : deploy(claim);
        if (report.outcome() == BatchOutcome.RING_COMPLETED) {
            // In the caller's transaction (the engine's job), not in one of our own: if the job's commit is lost,
            // so is this, and the job's next run answers the completion again instead of starting the next ring.
            rollouts.markCompletionSeen(claim.ring().id());
        }
        return report;
    }

    private BatchReport deploy(Claim claim) {
        List<HostOutcome> outcomes = claim.hosts().isEmpty() ? List.of() : outsideTransaction(() -> backend.patch(
                run(claim),
                claim.hosts().stream().map(h -> new PatchOrder(h.hostName(), h.targets())).toList()));
        return inOwnTransaction(() -> record(claim, outcomes));
    }

    /**
     * Picks the batch: hosts of the current ring left RUNNING by an attempt that did not record its results, else
     * the next pending hosts, which are marked RUNNING. Nothing starts after the window's cut-off.
     */
    private Claim claim(long rolloutId, Instant deadline) {
        RolloutRow rollout = rollout(rolloutId);
        List<RingRow> rings = rollouts.rings(rolloutId);
        Claim recorded = decisionAlreadyRecorded(rollout, rings);
        if (recorded != null) {
            return recorded;
        }
        RingRow ring = rings.stream().filter(r -> open(r.state())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Rollout " + rolloutId + " has no ring left to deploy"));
        boolean lastRing = rings.stream().noneMatch(r -> r.position() > ring.position() && open(r.state()));
        if (deadline != null && Instant.now().isAfter(deadline)) {
            audit(rollout, "rollout.window-closed", "Maintenance window cut-off passed before ring " + ring.name()
                    + " finished; the rest waits for the next window", Map.of("cutoff", deadline.toString(),
                    "ring", ring.name()), Map.of());
            return new Claim(rollout, ring, lastRing, 0, List.of(),
                    report(BatchOutcome.WINDOW_CLOSED, ring, 0, 0, 0, lastRing));
        }
        if (!ring.state().equals("RUNNING")) {
            rollouts.updateRingState(ring.id(), "RUNNING");
        }
        List<HostRow> unfinished = rollouts.hostsIn(ring.id(), HostState.RUNNING, Integer.MAX_VALUE);
        if (!unfinished.isEmpty()) {
            // A retried job: the back end may or may not have reached these hosts; their results were never recorded.
            return new Claim(rollout, ring, lastRing, unfinished.get(0).batchNo(), unfinished, null);
        }
        int batchNo = rollouts.lastBatch(ring.id()) + 1;
        List<HostRow> batch = rollouts.hostsIn(ring.id(), HostState.PENDING, ring.batchSize());
        rollouts.startHosts(batch.stream().map(HostRow::id).toList(), batchNo);
        return new Claim(rollout, ring, lastRing, batchNo, batch, null);
    }

    /**
     * The decision of a batch whose results were recorded but whose job's own commit was lost (its node died, or the
     * database went away, in between), so the engine runs the job again: a breached ring stays breached (no ring
     * after it may start), a ring whose completion the engine never saw is answered as completed (so its soak or
     * promotion step comes before the next ring), and a rollout whose last ring completed stays complete. Null when
     * there is a ring to deploy.
     */
    private Claim decisionAlreadyRecorded(RolloutRow rollout, List<RingRow> rings) {
        RingRow breached = rings.stream().filter(r -> r.state().equals("BREACHED")).findFirst().orElse(null);
        if (breached != null) {
            return recorded(rollout, rings, breached, BatchOutcome.BUDGET_BREACHED);
        }
        RingRow unseen = rings.stream().filter(r -> r.state().equals("COMPLETED") && !r.completionSeen())
                .findFirst().orElse(null);
        if (unseen != null) {
            return recorded(rollout, rings, unseen, BatchOutcome.RING_COMPLETED);
        }
        if (!rings.isEmpty() && rings.stream().allMatch(r -> r.state().equals("COMPLETED"))) {
            return recorded(rollout, rings, rings.get(rings.size() - 1), BatchOutcome.RING_COMPLETED);
        }
        return null;
    }

    private Claim recorded(RolloutRow rollout, List<RingRow> rings, RingRow ring, BatchOutcome outcome) {
        Map<HostState, Integer> counts = rollouts.stateCounts(ring.id());
        int failed = counts.getOrDefault(HostState.FAILED, 0) + counts.getOrDefault(HostState.UNREACHABLE, 0);
        boolean lastRing = rings.stream().noneMatch(r -> r.position() > ring.position() && open(r.state()));
        int batch = rollouts.lastBatch(ring.id());
        return new Claim(rollout, ring, lastRing, batch, List.of(), report(outcome, ring, batch, 0, failed, lastRing));
    }

    private BatchReport record(Claim claim, List<HostOutcome> outcomes) {
        RolloutRow rollout = claim.rollout();
        RingRow ring = claim.ring();
        Map<String, HostOutcome> byHost = index(outcomes);
        List<HostResult> results = new ArrayList<>();
        for (HostRow host : claim.hosts()) {
            HostOutcome outcome = byHost.getOrDefault(host.hostName(),
                    new HostOutcome(host.hostName(), HostState.FAILED, "the back end reported no result", null));
            results.add(new HostResult(host.id(), outcome.state(), outcome.message(), outcome.previousVersions()));
        }
        boolean[] written = rollouts.finishRunningHosts(results);
        int succeeded = 0;
        // Every host's result goes into the batch's entry, with the decision it led to: one entry per batch, not
        // per host, keeps a 10,000-host rollout from writing 10,000 chained entries (docs/benchmarks.md).
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            if (!written[i]) {
                continue;
            }
            HostRow host = claim.hosts().get(i);
            HostResult result = results.get(i);
            succeeded += result.state().succeeded() ? 1 : 0;
            states.put(host.hostName(), result.state().name());
            if (result.message() != null) {
                messages.put(host.hostName(), result.message());
            }
            targets.put(host.hostName(), host.targets().stream().map(p -> p.name() + "=" + p.version()).toList());
        }
        Map<HostState, Integer> counts = rollouts.stateCounts(ring.id());
        int failedInRing = counts.getOrDefault(HostState.FAILED, 0) + counts.getOrDefault(HostState.UNREACHABLE, 0);
        boolean more = counts.getOrDefault(HostState.PENDING, 0) + counts.getOrDefault(HostState.RUNNING, 0) > 0;
        BatchOutcome outcome;
        if (failedInRing > ring.failureBudget()) {
            outcome = BatchOutcome.BUDGET_BREACHED;
            rollouts.updateRingState(ring.id(), "BREACHED");
        } else if (more) {
            outcome = BatchOutcome.MORE_BATCHES;
        } else {
            outcome = BatchOutcome.RING_COMPLETED;
            rollouts.completeRing(ring.id());
            if (claim.lastRing()) {
                rollouts.updateRollout(rollout.id(), "COMPLETED", rollout.attempt());
            }
        }
        audit(rollout, "rollout.batch", "Ring " + ring.name() + " batch " + claim.batchNo() + ": " + succeeded
                + " succeeded, " + (states.size() - succeeded) + " failed; " + failedInRing + " failed in ring, budget "
                + ring.failureBudget() + " -> " + outcome,
                Map.of("ring", ring.name(), "plan", ring.plan(), "batch", claim.batchNo(), "targets", targets,
                        "failureBudget", ring.failureBudget()),
                Map.of("outcome", outcome.name(), "succeeded", succeeded, "failedInRing", failedInRing,
                        "hosts", states, "messages", messages));
        return report(outcome, ring, claim.batchNo(), succeeded, failedInRing, claim.lastRing());
    }

    /**
     * Rolls back the newest batch of the breached ring not yet rolled back; returns the hosts restored. Like a
     * deployment, the back end runs between two transactions; a host whose rollback was recorded is not sent again.
     */
    public int rollbackLatestBatch(long rolloutId) {
        return rollbackNewestBatch(rolloutId).orElse(0);
    }

    /**
     * Rolls back every batch of the breached ring not yet rolled back, newest first (each as
     * {@link #rollbackLatestBatch} does); returns the hosts restored. A batch whose hosts all failed to roll back
     * restores none and the next batch still follows.
     */
    public int rollbackBreachedRing(long rolloutId) {
        int restored = 0;
        for (OptionalInt batch = rollbackNewestBatch(rolloutId); batch.isPresent();
                batch = rollbackNewestBatch(rolloutId)) {
            restored += batch.getAsInt();
        }
        return restored;
    }

    /** The hosts the newest batch left to roll back restored; empty when no batch was left. */
    private OptionalInt rollbackNewestBatch(long rolloutId) {
        Claim claim = inOwnTransaction(() -> {
            RolloutRow rollout = rollout(rolloutId);
            RingRow ring = rollouts.rings(rolloutId).stream().filter(r -> r.state().equals("BREACHED")).findFirst()
                    .orElse(null);
            List<HostRow> batch = ring == null ? List.of() : rollouts.newestBatchToRollBack(ring.id());
            return new Claim(rollout, ring, false, batch.isEmpty() ? 0 : batch.get(0).batchNo(), batch, null);
        });
        if (claim.hosts().isEmpty()) {
            return OptionalInt.empty();
        }
        List<HostOutcome> outcomes = outsideTransaction(() -> backend.rollback(run(claim),
                claim.hosts().stream().map(h -> new PatchOrder(h.hostName(), h.previous())).toList()));
        return OptionalInt.of(inOwnTransaction(() -> recordRollback(claim, outcomes)));
    }

    private int recordRollback(Claim claim, List<HostOutcome> outcomes) {
        Map<String, HostOutcome> byHost = index(outcomes);
        List<HostResult> results = new ArrayList<>();
        for (HostRow host : claim.hosts()) {
            HostOutcome outcome = byHost.get(host.hostName());
            boolean ok = outcome != null && outcome.state().succeeded();
            results.add(new HostResult(host.id(), ok ? HostState.ROLLED_BACK : HostState.FAILED,
                    ok ? "rolled back to the versions recorded before the change"
                            : "rollback failed: " + (outcome == null ? "no result" : outcome.message()), null));
        }
        boolean[] written = rollouts.finishRollbacks(results);
        int restored = 0;
        for (int i = 0; i < results.size(); i++) {
            if (!written[i]) {
                continue;
            }
            HostRow host = claim.hosts().get(i);
            boolean ok = results.get(i).state() == HostState.ROLLED_BACK;
            restored += ok ? 1 : 0;
            Map<String, Object> outcome = new HashMap<>();
            outcome.put("state", ok ? "ROLLED_BACK" : "FAILED");
            if (!ok) {
                outcome.put("message", results.get(i).message());
            }
            audit(claim.rollout(), "rollout.rollback.host", "Host " + host.hostName()
                    + (ok ? " rolled back" : " rollback failed"),
                    Map.of("host", host.hostName(), "ring", claim.ring().name(), "batch", claim.batchNo(),
                            "restore", host.previous().stream().map(p -> p.name() + "=" + p.version()).toList()),
                    outcome);
        }
        return restored;
    }

    /** In the caller's transaction: the change's own state moves with the rollout's. */
    @Transactional
    public void halt(long rolloutId, String reason) {
        RolloutRow rollout = rollout(rolloutId);
        rollouts.updateRollout(rolloutId, "HALTED", rollout.attempt());
        rollouts.rings(rolloutId).stream().filter(r -> r.state().equals("BREACHED"))
                .forEach(r -> rollouts.updateRingState(r.id(), "ROLLED_BACK"));
        audit(rollout, "rollout.halted", "Rollout of stage " + rollout.stage() + " halted: " + reason,
                Map.of("stage", rollout.stage()), Map.of("state", "HALTED"));
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    /**
     * The caller's transaction (the engine's job) is suspended while the back end works: nothing the back end
     * writes (the simulator's inventory) joins it, and no lock of ours is held for the minutes a batch takes.
     */
    private <T> T outsideTransaction(Supplier<T> work) {
        return noTransaction.execute(status -> work.get());
    }

    private static DeploymentRun run(Claim claim) {
        return new DeploymentRun(claim.rollout().changeId(), claim.rollout().stage(), claim.rollout().attempt(),
                claim.ring().name(), claim.batchNo());
    }

    private static boolean open(String ringState) {
        return ringState.equals("PENDING") || ringState.equals("RUNNING");
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
