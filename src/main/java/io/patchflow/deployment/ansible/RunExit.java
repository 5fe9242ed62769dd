package io.patchflow.deployment.ansible;

import java.time.Duration;

/** How a run of {@code ansible-playbook} ended: its exit status, whether it was stopped, how long it took. */
record RunExit(int exitCode, Ended ended, Duration duration, String stderrTail) {

    enum Ended { FINISHED, TIMED_OUT, CANCELLED, NOT_STARTED }
}
