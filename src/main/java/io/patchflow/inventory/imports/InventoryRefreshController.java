package io.patchflow.inventory.imports;

import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InventoryRefresh;
import io.patchflow.inventory.InventorySource;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.ConflictException;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inventory/refresh}: re-reads known hosts' installed packages from the hosts themselves through
 * the configured live {@link InventorySource} (Ansible's {@code package_facts}), instead of waiting for an upload.
 * The call lasts as long as the source's run (bounded by its time limit), so it takes at most
 * {@value #MAX_HOSTS} hosts at a time.
 */
@RestController
class InventoryRefreshController {

    static final int MAX_HOSTS = 500;

    private final ObjectProvider<InventorySource> source;
    private final Fleet fleet;

    InventoryRefreshController(ObjectProvider<InventorySource> source, Fleet fleet) {
        this.source = source;
        this.fleet = fleet;
    }

    record RefreshRequest(List<String> hosts) {
    }

    @PostMapping("/api/v1/inventory/refresh")
    InventoryRefresh refresh(@RequestBody RefreshRequest request, Principal principal) {
        List<String> hosts = request.hosts();
        if (hosts == null || hosts.isEmpty()) {
            throw new BadInputException("hosts", "Name the hosts to refresh: {\"hosts\": [\"web-01\", ...]}");
        }
        if (hosts.size() > MAX_HOSTS) {
            throw new BadInputException("hosts", "At most " + MAX_HOSTS + " hosts per refresh (" + hosts.size()
                    + " given); split the list");
        }
        Set<String> known = fleet.hosts(new HashSet<>(hosts)).stream().map(HostView::name)
                .collect(Collectors.toSet());
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i) == null || !known.contains(hosts.get(i))) {
                throw new BadInputException("hosts[" + i + "]", "Unknown host '" + hosts.get(i)
                        + "': only hosts already in the inventory can be refreshed from a live source");
            }
        }
        InventorySource live = source.getIfAvailable(() -> {
            throw new ConflictException("No live inventory source is configured: the simulated fleet's inventory is "
                    + "Patchflow's own. Set patchflow.deployment.backend=ansible to read hosts with package_facts "
                    + "(docs/deployment-ansible.md).");
        });
        return live.refresh(hosts.stream().distinct().toList(), "refresh by " + principal.getName());
    }
}
