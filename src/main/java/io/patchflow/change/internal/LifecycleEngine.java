package io.patchflow.change.internal;

import java.util.List;

/** The port to the workflow engine that runs a change's lifecycle. */
public interface LifecycleEngine {

    /** Starts the lifecycle of a stored change; returns the process instance id. */
    String start(String changeId, String title);

    /**
     * Starts the lifecycle of a stored change that an assessment detected (message {@code PatchDetected}); returns
     * the process instance id.
     */
    String startDetected(String changeId, String title);

    /** Interrupts a running lifecycle: the cancellation path records who and why. */
    void cancel(String changeId, String user, String reason);

    /** The names of the steps the change is at now (several in parallel), empty when it has ended. */
    List<String> activeSteps(String processInstanceId);
}
