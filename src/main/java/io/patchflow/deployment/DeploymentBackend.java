package io.patchflow.deployment;

import java.util.Collection;
import java.util.List;

/**
 * The port to whatever installs packages on hosts: the simulated fleet in the embedded default, Ansible for real
 * machines. Calls may take minutes; they are made from asynchronous jobs, one batch at a time.
 * <p>
 * <b>At most once per host.</b> The same hosts may be sent again with the same change, stage and attempt
 * ({@link DeploymentRun#applicationKey()}): the node that sent them died after the back end answered and before the
 * results were committed, or a job ran twice at once. A back end must not apply a change twice to a host for the same
 * key, and answers a repeat as it answered the first time (state, message, previous versions). A new attempt (a retry
 * decided after a failed rollout) is a new key and is applied again.
 */
public interface DeploymentBackend {

    /** Installs the ordered versions; reports every host of the batch, including those it could not reach. */
    List<HostOutcome> patch(DeploymentRun run, List<PatchOrder> batch);

    /** Restores the given versions (what {@link #patch} reported as previous). */
    List<HostOutcome> rollback(DeploymentRun run, List<PatchOrder> restore);

    /** Re-reads the installed packages of the hosts into the inventory, as evidence for verification. */
    void refreshInventory(Collection<String> hosts);

    /**
     * Stops the change's runs still going (the change was cancelled). Hosts of a stopped run are reported as
     * failed with a message saying so. Back ends whose calls cannot be interrupted need not do anything.
     */
    default void cancel(String changeId) {
    }
}
