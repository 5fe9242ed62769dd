package io.patchflow.deployment.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.PackageTarget;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's inventory (Ansible's YAML inventory, in its JSON form): every host with its connection variables
 * and what the playbooks need. Nothing secret goes in: the private key is a path given on the command line, the
 * become password a separate file (see {@link RunDirectory}). Names and versions were checked by
 * {@link PackageManager#spec}, so no value can carry Jinja that Ansible would evaluate.
 */
final class InventoryRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InventoryRenderer() {
    }

    /** Where a host keeps its markers of changes applied, unless a group's {@code vars} say otherwise. */
    static final String APPLIED_DIR = "/var/lib/patchflow/applied";

    /**
     * {@code run} is null for runs that belong to no change. A patch run names its marker
     * ({@code patchflow_applied_key}: change, stage and attempt): record-versions.yml stops a host that has it, and
     * mark-applied.yml writes it after a successful patch, so a batch sent again is not applied twice.
     */
    static String render(List<PlannedHost> hosts, PlaybookAction action, AnsibleProperties properties,
            DeploymentRun run) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("all").putObject("hosts");
        for (PlannedHost host : hosts) {
            ObjectNode vars = all.putObject(host.name());
            for (Map.Entry<String, String> v : host.settings().vars().entrySet()) {
                vars.put(v.getKey(), v.getValue().replace("{host}", host.name()));
            }
            if (!vars.has("patchflow_applied_dir")) {
                vars.put("patchflow_applied_dir", APPLIED_DIR);
            }
            if (run != null && action == PlaybookAction.PATCH) {
                vars.put("patchflow_applied_key", run.applicationKey());
            }
            vars.put("patchflow_family", host.manager().family());
            vars.put("patchflow_action", action.variable());
            vars.put("patchflow_update_cache", properties.updateCache());
            vars.put("patchflow_reboot", action == PlaybookAction.PATCH ? properties.reboot().asVariable() : "never");
            vars.put("patchflow_reboot_timeout", properties.rebootTimeout().toSeconds());
            strings(vars.putArray("patchflow_pre_hooks"), host.settings().preHooks());
            strings(vars.putArray("patchflow_post_hooks"), host.settings().postHooks());
            strings(vars.putArray("patchflow_health_commands"), host.settings().healthCommands());
            strings(vars.putArray("patchflow_health_services"), host.settings().healthServices());
            ArrayNode packages = vars.putArray("patchflow_packages");
            for (PackageTarget p : host.packages()) {
                packages.addObject().put("name", p.name()).put("version", p.version())
                        .put("spec", host.manager().spec(p));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
