package io.patchflow.change.internal;

import io.patchflow.change.ChangeState;
import io.patchflow.change.internal.ChangeRepository.Target;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.RolloutPlanned;
import io.patchflow.deployment.RolloutProperties;
import io.patchflow.deployment.Rollouts;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stages 4 and 7: turns the change's targets into patch orders and drives the rollout batch by batch. */
@Component
public class ChangeRolloutSteps {

    private final ChangeRepository changes;
    private final Rollouts rollouts;
    private final ChangeScheduling scheduling;
    private final ChangeTickets tickets;
    private final ChangeVerification verification;
    private final Duration chainBatchesWithin;

    ChangeRolloutSteps(ChangeRepository changes, Rollouts rollouts, ChangeScheduling scheduling,
            ChangeTickets tickets, ChangeVerification verification,
            @Value("${patchflow.rollout.chain-batches-within:10s}") Duration chainBatchesWithin) {
        this.changes = changes;
        this.chainBatchesWithin = chainBatchesWithin;
        this.verification = verification;
        this.rollouts = rollouts;
        this.scheduling = scheduling;
        this.tickets = tickets;
    }

    /**
     * Plans the stage's rollout. A remediation retry redeploys only the hosts verification found still vulnerable,
     * including hosts the rollout thought it had patched.
     */
    @Transactional
    public RolloutPlanned plan(String changeId, String stage, boolean remediation) {
        List<PatchOrder> orders = orders(changeId);
        if (remediation) {
            List<String> vulnerable = verification.unverifiedHosts(changeId);
            orders = orders.stream().filter(o -> vulnerable.contains(o.host())).toList();
        }
        RolloutPlanned planned = rollouts.plan(changeId, stage, orders, remediation);
        changes.moveTo(changeId, RolloutProperties.TEST.equals(stage) ? ChangeState.IN_TEST : ChangeState.ROLLING_OUT,
                RolloutProperties.TEST.equals(stage) ? "test" : "rollout");
        return planned;
    }

    /**
     * Deploys the ring's next batch and, while batches come back quickly, the ring's following batches in the same
     * job: a job costs the engine more than a batch of the simulated fleet does (docs/benchmarks.md), while a real
     * back end's batch takes longer than {@code patchflow.rollout.chain-batches-within} and so keeps its own job.
     * Every batch still commits its claim and its results on its own (a crash resumes at the first host without a
     * result), and the chain stops at the ring's end, a breach, the window's cut-off, a cancellation of the change, or
     * once that time has passed since the job started.
     */
    public BatchReport deployBatches(String changeId, String stage, long rolloutId) {
        Instant chainUntil = Instant.now().plus(chainBatchesWithin);
        // In production the maintenance window's cut-off applies: an instant, looked up once for the whole step (the
        // change's hosts, their windows), as the chain lasts seconds and each batch checks the clock against it.
        Instant deadline = RolloutProperties.PRODUCTION.equals(stage)
                ? scheduling.batchDeadline(changeId).orElse(null) : null;
        BatchReport report = deployNextBatch(changeId, rolloutId, deadline);
        while (report.outcome() == BatchOutcome.MORE_BATCHES && Instant.now().isBefore(chainUntil)
                && !rollouts.stopRequested(changeId)) {
            report = deployNextBatch(changeId, rolloutId, deadline);
        }
        return report;
    }

    private BatchReport deployNextBatch(String changeId, long rolloutId, Instant deadline) {
        BatchReport report = rollouts.deployNextBatch(rolloutId, deadline);
        if (report.outcome() == BatchOutcome.RING_COMPLETED) {
            tickets.comment(changeId, "patchflow", "Ring " + report.ring() + " completed: " + report.failed()
                    + " failure(s) within a budget of " + report.budget());
        }
        return report;
    }

    public Instant nextWindow(String changeId) {
        return scheduling.nextWindow(changeId);
    }

    /** Rolls back every batch of the breached ring not rolled back yet, newest first; answers the hosts restored. */
    public int rollbackBreachedRing(long rolloutId) {
        return rollouts.rollbackBreachedRing(rolloutId);
    }

    @Transactional
    public void halt(String changeId, String stage, long rolloutId, String reason) {
        rollouts.halt(rolloutId, reason);
        if (RolloutProperties.PRODUCTION.equals(stage)) {
            changes.moveTo(changeId, ChangeState.ROLLOUT_HALTED, "rollout");
            changes.outcome(changeId, "ROLLOUT_FAILED");
        }
        tickets.comment(changeId, "patchflow", "Rollout of stage " + stage + " halted: " + reason);
    }

    private List<PatchOrder> orders(String changeId) {
        Map<String, List<Target>> byHost = changes.targets(changeId).stream()
                .collect(Collectors.groupingBy(Target::host, LinkedHashMap::new, Collectors.toList()));
        return byHost.entrySet().stream()
                .map(e -> new PatchOrder(e.getKey(), e.getValue().stream()
                        .map(t -> new PackageTarget(t.packageName(), t.fixedVersion(), t.fixedVersion()))
                        .toList()))
                .toList();
    }
}
