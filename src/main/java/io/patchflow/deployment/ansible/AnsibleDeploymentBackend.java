package io.patchflow.deployment.ansible;

import io.patchflow.deployment.DeploymentBackend;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.deployment.ansible.AnsibleProperties.HostSettings;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Patches real machines with {@code ansible-playbook} ({@code patchflow.deployment.backend=ansible}): one run per
 * batch and playbook (hosts of a group with its own playbook run apart), with an inventory generated from
 * Patchflow's (connection variables from {@code patchflow.deployment.ansible}). A host Patchflow cannot patch safely
 * (unknown, no known package manager, a name or version that is not one) fails on its own, before any run.
 */
class AnsibleDeploymentBackend implements DeploymentBackend {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final Fleet fleet;
    private final AnsibleProperties properties;
    private final AnsibleRuns runs;
    private final PlaybookRunner runner;
    private final PackageFactsRefresh refresh;

    AnsibleDeploymentBackend(Fleet fleet, AnsibleProperties properties, AnsibleRuns runs, PlaybookRunner runner,
            PackageFactsRefresh refresh) {
        this.fleet = fleet;
        this.properties = properties;
        this.runs = runs;
        this.runner = runner;
        this.refresh = refresh;
    }

    @Override
    public List<HostOutcome> patch(DeploymentRun run, List<PatchOrder> batch) {
        return execute(run, PlaybookAction.PATCH, batch);
    }

    @Override
    public List<HostOutcome> rollback(DeploymentRun run, List<PatchOrder> restore) {
        return execute(run, PlaybookAction.ROLLBACK, restore);
    }

    @Override
    public void refreshInventory(Collection<String> hosts) {
        refresh.refresh(hosts, "verification");
    }

    @Override
    public void cancel(String changeId) {
        runner.cancel(changeId);
    }

    private List<HostOutcome> execute(DeploymentRun run, PlaybookAction action, List<PatchOrder> orders) {
        Map<String, HostView> known = fleet.hosts(orders.stream().map(PatchOrder::host).toList()).stream()
                .collect(Collectors.toMap(HostView::name, Function.identity(), (a, b) -> a));
        Map<String, HostOutcome> outcomes = new LinkedHashMap<>();
        Map<Optional<Path>, List<PlannedHost>> byPlaybook = new LinkedHashMap<>();
        for (PatchOrder order : orders) {
            outcomes.put(order.host(), null);
            try {
                PlannedHost host = plan(order, known.get(order.host()));
                HostSettings settings = host.settings();
                Path playbook = action == PlaybookAction.ROLLBACK ? settings.rollbackPlaybook() : settings.playbook();
                byPlaybook.computeIfAbsent(Optional.ofNullable(playbook), p -> new ArrayList<>()).add(host);
            } catch (IllegalArgumentException refused) {
                outcomes.put(order.host(), new HostOutcome(order.host(), HostState.FAILED,
                        "not patched: " + refused.getMessage(), List.of()));
            }
        }
        byPlaybook.forEach((playbook, hosts) -> {
            AnsibleRuns.Result result = runs.execute(run, action, hosts, playbook.orElse(null));
            hosts.forEach(h -> outcomes.put(h.name(), HostOutcomes.of(h.name(), result, properties.timeout())));
        });
        return new ArrayList<>(outcomes.values());
    }

    /** The host as a run needs it, or {@link IllegalArgumentException} saying why it cannot be patched. */
    PlannedHost plan(PatchOrder order, HostView host) {
        if (!HOST_NAME.matcher(order.host()).matches()) {
            throw new IllegalArgumentException("'" + order.host() + "' is not a host name Ansible can be given");
        }
        if (host == null) {
            throw new IllegalArgumentException(order.host() + " is not in Patchflow's inventory");
        }
        PackageManager manager = PackageManager.forOs(host.os()).orElseThrow(() -> new IllegalArgumentException(
                "no package manager known for os '" + host.os() + "' (Debian, Ubuntu and Red Hat family hosts "
                + "are supported)"));
        order.packages().forEach(manager::spec);
        return new PlannedHost(order.host(), manager, properties.settingsFor(host.groups()), order.packages());
    }
}
