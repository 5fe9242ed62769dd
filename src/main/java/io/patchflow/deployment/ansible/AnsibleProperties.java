package io.patchflow.deployment.ansible;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Ansible back end ({@code patchflow.deployment.backend=ansible}); see {@code docs/deployment-ansible.md}.
 * {@code privateKeyFile} and {@code becomePassword} normally come from the environment
 * ({@code PATCHFLOW_ANSIBLE_PRIVATE_KEY_FILE}, {@code PATCHFLOW_ANSIBLE_BECOME_PASSWORD}); the password is never
 * printed by {@link #toString()}, never written to the inventory, and reaches Ansible only through a file of the
 * run's own directory that is readable by the owner alone and deleted with the run.
 * {@code groups} holds per host group overrides; a host takes the first group of this map it belongs to.
 */
@ConfigurationProperties("patchflow.deployment.ansible")
public record AnsibleProperties(String command, Path workDir, int forks, Duration timeout, boolean keepRunDirs,
        Path privateKeyFile, String becomePassword, String remoteUser, boolean become, RebootPolicy reboot,
        Duration rebootTimeout, Boolean updateCache, HostSettings defaults, Map<String, HostSettings> groups) {

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9@._:-]+");
    /** Host variables end up in the run's inventory file: passwords must come through become-password instead. */
    private static final Pattern SECRET_VARIABLE = Pattern.compile("(?i).*(pass|secret|token).*");

    public AnsibleProperties {
        command = command == null || command.isBlank() ? "ansible-playbook" : command;
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "patchflow-ansible") : workDir;
        forks = forks <= 0 ? 10 : forks;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        // Unset environment variables arrive as empty strings.
        privateKeyFile = privateKeyFile == null || privateKeyFile.toString().isEmpty() ? null : privateKeyFile;
        becomePassword = becomePassword == null || becomePassword.isEmpty() ? null : becomePassword;
        remoteUser = remoteUser == null || remoteUser.isBlank() ? null : remoteUser;
        reboot = reboot == null ? RebootPolicy.NEVER : reboot;
        rebootTimeout = rebootTimeout == null ? Duration.ofMinutes(10) : rebootTimeout;
        updateCache = updateCache == null || updateCache;
        defaults = defaults == null ? HostSettings.NONE : defaults;
        groups = groups == null ? Map.of() : new LinkedHashMap<>(groups);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("patchflow.deployment.ansible.timeout must be positive");
        }
        defaults.healthServices().forEach(AnsibleProperties::checkService);
        groups.values().forEach(g -> g.healthServices().forEach(AnsibleProperties::checkService));
        defaults.vars().keySet().forEach(AnsibleProperties::checkVariable);
        groups.values().forEach(g -> g.vars().keySet().forEach(AnsibleProperties::checkVariable));
    }

    /** The settings of a host: its first configured group's, each unset value taken from {@code defaults}. */
    public HostSettings settingsFor(List<String> hostGroups) {
        Optional<HostSettings> group = groups.entrySet().stream().filter(e -> hostGroups.contains(e.getKey()))
                .map(Map.Entry::getValue).findFirst();
        return group.map(g -> g.over(defaults)).orElse(defaults);
    }

    @Override
    public String toString() {
        return "AnsibleProperties[command=" + command + ", workDir=" + workDir + ", forks=" + forks + ", timeout="
                + timeout + ", privateKeyFile=" + privateKeyFile + ", becomePassword="
                + (becomePassword == null ? "none" : "(set)") + ", remoteUser=" + remoteUser + ", become=" + become
                + ", reboot=" + reboot + ", groups=" + groups.keySet() + "]";
    }

    private static void checkVariable(String name) {
        if (SECRET_VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("patchflow.deployment.ansible host variable '" + name + "' looks like a "
                    + "secret and would be written to the inventory file: use become-password "
                    + "(PATCHFLOW_ANSIBLE_BECOME_PASSWORD) or an SSH key (private-key-file) instead");
        }
    }

    private static void checkService(String service) {
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("patchflow.deployment.ansible health service '" + service
                    + "' is not a service name");
        }
    }

    /** When a patched host is restarted: never (reported as reboot required), if the system says so, always. */
    public enum RebootPolicy {
        NEVER, IF_REQUIRED, ALWAYS;

        String asVariable() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * How Patchflow reaches and patches a host. {@code vars} are Ansible host variables ({@code ansible_connection},
     * {@code ansible_host}, {@code ansible_user}...); {@code {host}} in a value stands for the host's name.
     * {@code playbook}/{@code rollbackPlaybook} replace Patchflow's own; {@code preHooks}/{@code postHooks} and
     * {@code healthCommands} are shell commands run on the host, {@code healthServices} must be active afterwards.
     */
    public record HostSettings(Map<String, String> vars, Path playbook, Path rollbackPlaybook, List<String> preHooks,
            List<String> postHooks, List<String> healthCommands, List<String> healthServices) {

        static final HostSettings NONE = new HostSettings(null, null, null, null, null, null, null);

        public HostSettings {
            vars = vars == null ? Map.of() : new LinkedHashMap<>(vars);
            preHooks = preHooks == null ? List.of() : List.copyOf(preHooks);
            postHooks = postHooks == null ? List.of() : List.copyOf(postHooks);
            healthCommands = healthCommands == null ? List.of() : List.copyOf(healthCommands);
            healthServices = healthServices == null ? List.of() : List.copyOf(healthServices);
        }

        /** These settings where set, {@code base}'s elsewhere; host variables are merged, these winning. */
        HostSettings over(HostSettings base) {
            Map<String, String> merged = new LinkedHashMap<>(base.vars);
            merged.putAll(vars);
            return new HostSettings(merged, playbook != null ? playbook : base.playbook,
                    rollbackPlaybook != null ? rollbackPlaybook : base.rollbackPlaybook,
                    preHooks.isEmpty() ? base.preHooks : preHooks, postHooks.isEmpty() ? base.postHooks : postHooks,
                    healthCommands.isEmpty() ? base.healthCommands : healthCommands,
                    healthServices.isEmpty() ? base.healthServices : healthServices);
        }
    }
}
