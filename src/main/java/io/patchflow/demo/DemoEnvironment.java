package io.patchflow.demo;

/**
 * The environments of the demo fleet, with the share of each group's hosts they get and how likely a host there
 * has taken each pending update: test hosts are patched first, production lags behind.
 */
enum DemoEnvironment {

    TEST("test", 0.10, 0.60),
    STAGING("staging", 0.20, 0.45),
    PROD("prod", 0.70, 0.25);

    private final String label;
    private final double share;
    private final double updateTakeUp;

    DemoEnvironment(String label, double share, double updateTakeUp) {
        this.label = label;
        this.share = share;
        this.updateTakeUp = updateTakeUp;
    }

    String label() {
        return label;
    }

    double share() {
        return share;
    }

    /** The chance that a host of this environment has installed one more level of a pending update. */
    double updateTakeUp() {
        return updateTakeUp;
    }
}
