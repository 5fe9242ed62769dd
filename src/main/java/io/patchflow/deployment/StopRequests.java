package io.patchflow.deployment;

/**
 * Cancellations of changes as every node sees them. A batch runs on the node whose job executor took it, while the
 * cancellation may reach any node: the request is stored, and a back end with long runs (Ansible) asks for it while it
 * waits, so the run stops wherever it is.
 */
public interface StopRequests {

    /** Asks every node to stop the runs of {@code changeId}; asking again changes nothing. */
    void request(String changeId);

    boolean requested(String changeId);
}
