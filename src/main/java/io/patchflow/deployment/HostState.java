package io.patchflow.deployment;

/** Where one host of a rollout stands. */
public enum HostState {
    PENDING, RUNNING, SUCCEEDED, SUCCEEDED_REBOOT_REQUIRED, FAILED, UNREACHABLE, ROLLED_BACK;

    public boolean succeeded() {
        return this == SUCCEEDED || this == SUCCEEDED_REBOOT_REQUIRED;
    }

    public boolean failed() {
        return this == FAILED || this == UNREACHABLE;
    }
}
