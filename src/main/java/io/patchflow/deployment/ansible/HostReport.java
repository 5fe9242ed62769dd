package io.patchflow.deployment.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.deployment.PackageTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * What one host did in a run, from its task results: the last failure (task and message), whether it was
 * unreachable, the versions recorded before patching, a pending reboot, gathered package facts, and the recap.
 */
final class HostReport {

    private static final int MAX_DETAIL = 300;

    private final String host;
    private String failedTask;
    private String failure;
    private boolean unreachable;
    private String installedVersions;
    private boolean rebootPending;
    private JsonNode packageFacts;
    private String sourcePackages;
    private Integer failures;
    private Integer unreachableCount;
    private String lastTask;
    private boolean appliedBefore;

    HostReport(String host) {
        this.host = host;
    }

    String host() {
        return host;
    }

    void result(String task, JsonNode result) {
        lastTask = task;
        if (task.equals(PlaybookEvents.APPLIED_BEFORE) && result.path("failed").asBoolean()) {
            // Not a failure: the host's marker says an earlier run applied this change and attempt; the task stops
            // the host (a failed host takes no part in the later plays) and carries the versions recorded then.
            appliedBefore = true;
            installedVersions = result.path("msg").asText("");
            return;
        }
        if (result.path("unreachable").asBoolean()) {
            unreachable = true;
            failedTask = task;
            failure = message(result);
            return;
        }
        if (result.path("failed").asBoolean()) {
            failedTask = task;
            failure = message(result);
            return;
        }
        if (result.path("skipped").asBoolean()) {
            return;
        }
        switch (task) {
            case PlaybookEvents.INSTALLED_VERSIONS -> installedVersions = result.path("stdout").asText("");
            case PlaybookEvents.RESULT -> rebootPending = result.path("ansible_facts")
                    .path("patchflow_reboot_pending").asBoolean();
            case PlaybookEvents.PACKAGE_FACTS -> packageFacts = result.path("ansible_facts").path("packages");
            case PlaybookEvents.SOURCE_PACKAGES -> sourcePackages = result.path("stdout").asText("");
            default -> {
            }
        }
    }

    void recap(int failures, int unreachable) {
        this.failures = failures;
        this.unreachableCount = unreachable;
    }

    /** Unreachable by the recap, or (for a run that never reached its recap) by its last result. */
    boolean unreachable() {
        return unreachableCount != null ? unreachableCount > 0 : unreachable;
    }

    /** Failed by the recap (a failure that a rescue block handled does not count), or by its last result. */
    boolean failed() {
        return failures != null ? failures > 0 && !appliedBefore : failure != null;
    }

    /** The host had this change and attempt applied by an earlier run (its marker), and was not patched again. */
    boolean appliedBefore() {
        return appliedBefore;
    }

    boolean finished() {
        return failures != null;
    }

    String failedTask() {
        return failedTask;
    }

    /** "task 'patchflow: health check' failed: ..." */
    String failureMessage() {
        if (failedTask == null) {
            return "Ansible reported a failure without a failed task";
        }
        return (unreachable ? "unreachable in task '" : "task '") + failedTask + "'"
                + (unreachable ? ": " : " failed: ") + failure;
    }

    String lastTask() {
        return lastTask;
    }

    boolean rebootPending() {
        return rebootPending;
    }

    JsonNode packageFacts() {
        return packageFacts;
    }

    String sourcePackages() {
        return sourcePackages;
    }

    /** The ordered packages that were installed before the run, as {@code patchflow: installed versions} listed them. */
    List<PackageTarget> previousVersions() {
        List<PackageTarget> previous = new ArrayList<>();
        if (installedVersions == null) {
            return previous;
        }
        for (String line : installedVersions.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && f[0].equals("installed") && !f[2].isBlank()) {
                previous.add(new PackageTarget(f[1], f[2], f[3].isBlank() ? f[2] : f[3]));
            }
        }
        return previous;
    }

    /**
     * The message of a failed result. A loop reports its items: the first failed item names what failed (which
     * hook, which health check). Command output is cut short; it is for a person, the full run log is on disk.
     */
    private static String message(JsonNode result) {
        JsonNode items = result.path("results");
        if (items.isArray()) {
            for (JsonNode item : items) {
                if (item.path("failed").asBoolean() || item.path("unreachable").asBoolean()) {
                    String label = item.hasNonNull("_ansible_item_label") ? item.path("_ansible_item_label").asText()
                            : item.path("item").toString();
                    return "'" + label + "': " + detail(item);
                }
            }
        }
        return detail(result);
    }

    private static String detail(JsonNode result) {
        StringBuilder text = new StringBuilder(result.path("msg").asText("").strip());
        if (result.has("rc") && result.path("rc").asInt() != 0) {
            text.append(" (exit status ").append(result.path("rc").asInt()).append(")");
        }
        String stderr = result.path("stderr").asText("").strip();
        if (!stderr.isEmpty()) {
            text.append(": ").append(stderr);
        }
        String out = text.toString().replaceAll("\\s+", " ").strip();
        return out.length() > MAX_DETAIL ? out.substring(0, MAX_DETAIL) + "..." : out;
    }
}
