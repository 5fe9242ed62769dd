package io.patchflow.change.process;

/** Keys of the decision tables Patchflow evaluates outside a process instance. */
final class LifecycleDecisions {

    static final String PRIORITY = "patch-priority";
    static final String PROPOSAL = "change-proposal";

    private LifecycleDecisions() {
    }
}
