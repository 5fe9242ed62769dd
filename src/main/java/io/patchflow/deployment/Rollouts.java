package io.patchflow.deployment;

import io.patchflow.deployment.internal.BatchRunner;
import io.patchflow.deployment.internal.RolloutPlanner;
import io.patchflow.deployment.internal.RolloutViews;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/** The deployment module's API: plan a stage's rollout, run it batch by batch, roll back, show it. */
@Service
public class Rollouts {

    private final RolloutPlanner planner;
    private final BatchRunner runner;
    private final RolloutViews views;
    private final DeploymentBackend backend;
    private final StopRequests stops;

    Rollouts(RolloutPlanner planner, BatchRunner runner, RolloutViews views, DeploymentBackend backend,
            StopRequests stops) {
        this.planner = planner;
        this.runner = runner;
        this.views = views;
        this.backend = backend;
        this.stops = stops;
    }

    /**
     * Plans (or, for a retry, re-plans) the rollout of a stage. Hosts that already succeeded are kept unless
     * {@code redeploySucceeded} (remediation after a failed verification).
     */
    public RolloutPlanned plan(String changeId, String stage, List<PatchOrder> orders, boolean redeploySucceeded) {
        return planner.plan(changeId, stage, orders, redeploySucceeded);
    }

    /** Deploys the next batch unless {@code deadline} (the window's cut-off; null for none) has passed. */
    public BatchReport deployNextBatch(long rolloutId, Instant deadline) {
        return runner.deployNextBatch(rolloutId, deadline);
    }

    /** Rolls back the newest batch of the breached ring not rolled back yet; answers the hosts restored. */
    public int rollbackLatestBatch(long rolloutId) {
        return runner.rollbackLatestBatch(rolloutId);
    }

    /** Rolls back every batch of the breached ring not rolled back yet, newest first; answers the hosts restored. */
    public int rollbackBreachedRing(long rolloutId) {
        return runner.rollbackBreachedRing(rolloutId);
    }

    public void halt(long rolloutId, String reason) {
        runner.halt(rolloutId, reason);
    }

    /** Whether the change was cancelled, as every node sees it: a rollout starts no further batch then. */
    public boolean stopRequested(String changeId) {
        return stops.requested(changeId);
    }

    public List<RolloutView> forChange(String changeId) {
        return views.forChange(changeId);
    }

    /** Hosts of the change whose patch succeeded in any stage: what verification rescans. */
    public List<String> patchedHosts(String changeId) {
        return views.patchedHosts(changeId);
    }

    public void refreshInventory(Collection<String> hosts) {
        backend.refreshInventory(hosts);
    }

    /**
     * Stops the back end's runs of a cancelled change: this node's at once, and, through the stored request (which
     * commits with the caller's transaction), those another node runs the next time it looks (Ansible: every
     * {@code patchflow.deployment.ansible.stop-poll}).
     */
    public void stopRuns(String changeId) {
        stops.request(changeId);
        backend.cancel(changeId);
    }
}
