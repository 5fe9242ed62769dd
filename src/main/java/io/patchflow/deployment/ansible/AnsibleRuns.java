package io.patchflow.deployment.ansible;

import io.patchflow.audit.AuditRecord;
import io.patchflow.deployment.DeploymentRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One run of {@code ansible-playbook} from start to clean-up: a run directory with the inventory and the playbook,
 * the command line (no secret on it), the environment that selects the event stream, the run itself, the events
 * read back, and the run's summary in the change's audit trail (command, duration, exit status).
 */
class AnsibleRuns {

    private final AnsibleProperties properties;
    private final PlaybookRunner runner;
    private final ApplicationEventPublisher events;

    AnsibleRuns(AnsibleProperties properties, PlaybookRunner runner, ApplicationEventPublisher events) {
        this.properties = properties;
        this.runner = runner;
        this.events = events;
    }

    /**
     * Runs {@code action} on {@code hosts}; {@code playbook} is the group's own playbook, or null for Patchflow's.
     * {@code run} is null for runs that belong to no change (an inventory refresh).
     */
    Result execute(DeploymentRun run, PlaybookAction action, List<PlannedHost> hosts, Path playbook) {
        try (RunDirectory dir = RunDirectory.create(properties.workDir(), name(run, action),
                properties.keepRunDirs())) {
            Path inventory = dir.write("inventory.json", InventoryRenderer.render(hosts, action, properties, run));
            Path main = dir.write("run.yml", wrapper(action, playbook));
            List<String> command = command(inventory, main);
            List<String> withSecrets = new ArrayList<>(command);
            if (properties.becomePassword() != null) {
                withSecrets.add("--become-password-file");
                withSecrets.add(dir.secret(properties.becomePassword()).toString());
            }
            RunExit exit = runner.run(run == null ? null : run.changeId(), withSecrets, environment(dir), dir,
                    properties.timeout());
            PlaybookEvents read = PlaybookEvents.read(dir.events());
            if (run != null) {
                audit(run, action, command, hosts, playbook, exit);
            }
            return new Result(read, exit);
        }
    }

    List<String> command(Path inventory, Path playbook) {
        List<String> command = new ArrayList<>(List.of(properties.command(), "-i", inventory.toString(), "--forks",
                Integer.toString(properties.forks())));
        if (properties.privateKeyFile() != null) {
            command.add("--private-key");
            command.add(properties.privateKeyFile().toString());
        }
        if (properties.remoteUser() != null) {
            command.add("--user");
            command.add(properties.remoteUser());
        }
        if (properties.become()) {
            command.add("--become");
        }
        command.add(playbook.toString());
        return command;
    }

    /**
     * Patchflow's version recording first (which also stops a host this change and attempt were applied to before),
     * then the patch playbook (Patchflow's or the group's), then, for a patch, the marker that it was applied.
     */
    static String wrapper(PlaybookAction action, Path playbook) {
        if (action == PlaybookAction.REFRESH) {
            return "- import_playbook: refresh.yml\n";
        }
        String main = playbook == null ? action.playbook() : playbook.toAbsolutePath().toString();
        return "- import_playbook: record-versions.yml\n- import_playbook: " + yamlString(main) + "\n"
                + (action == PlaybookAction.PATCH ? "- import_playbook: mark-applied.yml\n" : "");
    }

    private static Map<String, String> environment(RunDirectory dir) {
        Map<String, String> env = new LinkedHashMap<>();
        // One JSON event per line as it happens: a run stopped by its time limit still tells what it did.
        env.put("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.jsonl");
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        env.put("ANSIBLE_PYTHON_INTERPRETER", "auto_silent");
        env.put("ANSIBLE_LOCAL_TEMP", dir.path().resolve("tmp").toString());
        return env;
    }

    private void audit(DeploymentRun run, PlaybookAction action, List<String> command, List<PlannedHost> hosts,
            Path playbook, RunExit exit) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("command", String.join(" ", command));
        inputs.put("playbook", playbook == null ? "patchflow:" + action.playbook() : playbook.toString());
        inputs.put("ring", run.ring());
        inputs.put("batch", run.batch());
        inputs.put("hosts", hosts.stream().map(PlannedHost::name).toList());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("exitCode", exit.exitCode());
        outcome.put("ended", exit.ended().name());
        outcome.put("durationMillis", exit.duration().toMillis());
        events.publishEvent(new AuditRecord(run.changeId(), "deployment.ansible.run", "system",
                "ansible-playbook " + action.variable() + " of ring " + run.ring() + " batch " + run.batch() + " on "
                + hosts.size() + " host(s): " + describe(exit), null, inputs, outcome));
    }

    static String describe(RunExit exit) {
        return switch (exit.ended()) {
            case FINISHED -> "exit status " + exit.exitCode() + " after " + seconds(exit);
            case TIMED_OUT -> "stopped at its time limit after " + seconds(exit);
            case CANCELLED -> "stopped by the change's cancellation after " + seconds(exit);
            case NOT_STARTED -> "not started: " + exit.stderrTail();
        };
    }

    private static String seconds(RunExit exit) {
        return String.format(java.util.Locale.ROOT, "%.1f s", exit.duration().toMillis() / 1000.0);
    }

    private static String yamlString(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String name(DeploymentRun run, PlaybookAction action) {
        return run == null ? action.variable()
                : run.changeId() + "-" + run.stage() + "-" + run.ring() + "-b" + run.batch() + "-" + action.variable();
    }

    record Result(PlaybookEvents events, RunExit exit) {
    }
}
