package io.patchflow.deployment.ansible;

import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import java.time.Duration;
import java.util.Optional;

/**
 * A host's outcome from its run: the recap decides (failed, unreachable, or succeeded with or without a pending
 * reboot); a run that never reached its recap (time limit, cancellation, Ansible itself failing) fails every host
 * that had not already failed, saying why. The versions recorded before patching are reported in every case, so a
 * host that was stopped half-way can still be rolled back.
 */
final class HostOutcomes {

    private HostOutcomes() {
    }

    static HostOutcome of(String host, AnsibleRuns.Result result, Duration timeout) {
        Optional<HostReport> found = result.events().host(host);
        RunExit exit = result.exit();
        var previous = found.map(HostReport::previousVersions).orElse(java.util.List.of());
        if (found.isPresent() && found.get().unreachable()) {
            return new HostOutcome(host, HostState.UNREACHABLE, found.get().failureMessage(), previous);
        }
        if (found.isPresent() && found.get().failed()) {
            return new HostOutcome(host, HostState.FAILED, found.get().failureMessage(), previous);
        }
        String during = found.map(HostReport::lastTask).map(t -> " (last task finished: '" + t + "')").orElse("");
        return switch (exit.ended()) {
            case TIMED_OUT -> new HostOutcome(host, HostState.FAILED, "timed out after " + human(timeout)
                    + ": the Ansible run was stopped" + during, previous);
            case CANCELLED -> new HostOutcome(host, HostState.FAILED, "cancelled: the change was cancelled while "
                    + "Ansible was running" + during, previous);
            case NOT_STARTED -> new HostOutcome(host, HostState.FAILED, "Ansible did not run: " + exit.stderrTail(),
                    previous);
            case FINISHED -> finished(host, found, exit, previous);
        };
    }

    private static HostOutcome finished(String host, Optional<HostReport> found, RunExit exit,
            java.util.List<io.patchflow.deployment.PackageTarget> previous) {
        if (found.isEmpty() || !found.get().finished()) {
            return new HostOutcome(host, HostState.FAILED, "ansible-playbook exited with status " + exit.exitCode()
                    + " without a result for this host" + (exit.stderrTail().isBlank() ? ""
                    : ": " + exit.stderrTail()), previous);
        }
        if (found.get().appliedBefore()) {
            return new HostOutcome(host, HostState.SUCCEEDED, "patched before by an earlier run of this change and "
                    + "attempt (marker on the host); not patched again", previous);
        }
        return found.get().rebootPending()
                ? new HostOutcome(host, HostState.SUCCEEDED_REBOOT_REQUIRED, "patched; the host asks for a reboot "
                        + "and the reboot policy is never", previous)
                : new HostOutcome(host, HostState.SUCCEEDED, null, previous);
    }

    /** 30m, 1h 30m, 2s: how a person writes a time limit. */
    static String human(Duration d) {
        StringBuilder text = new StringBuilder();
        if (d.toHours() > 0) {
            text.append(d.toHours()).append("h ");
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append("m ");
        }
        if (d.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(d.toSecondsPart()).append("s");
        }
        return text.toString().strip();
    }
}
