package io.patchflow.change.internal;

import java.util.List;
import java.util.Map;

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

    /**
     * Stops a running change where it is, with an incident naming {@code message} (visible in Cockpit), because an
     * update of its ticket could not be delivered. Nothing happens when the change's lifecycle has ended.
     */
    void holdForTicketSystem(String changeId, String message);

    /** Resolves the incidents {@link #holdForTicketSystem} raised and lets the change go on. */
    void releaseFromTicketSystem(String changeId);

    /**
     * The names of the steps each change is at now (several in parallel), by its process instance id; a change whose
     * lifecycle has ended is absent.
     */
    Map<String, List<String>> activeSteps(List<String> processInstanceIds);
}
