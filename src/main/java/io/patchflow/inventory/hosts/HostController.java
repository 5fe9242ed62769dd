package io.patchflow.inventory.hosts;

import io.patchflow.inventory.HostView;
import io.patchflow.inventory.store.HostRepository;
import io.patchflow.inventory.store.HostRow;
import io.patchflow.inventory.store.PackageRepository;
import io.patchflow.inventory.store.PackageRow;
import io.patchflow.shared.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/hosts} (filtered by environment and group) and {@code GET /api/v1/hosts/{name}}. */
@RestController
class HostController {

    private final HostRepository hosts;
    private final PackageRepository packages;

    HostController(HostRepository hosts, PackageRepository packages) {
        this.hosts = hosts;
        this.packages = packages;
    }

    @GetMapping("/api/v1/hosts")
    List<HostView> hosts(@RequestParam(required = false) String environment,
            @RequestParam(required = false) String group) {
        return hosts.list(blankToNull(environment), blankToNull(group)).stream().map(HostRow::view).toList();
    }

    @GetMapping("/api/v1/hosts/{name}")
    HostDetails host(@PathVariable String name) {
        HostRow host = hosts.find(name).orElseThrow(() -> new NotFoundException("No host named '" + name + "'."));
        return HostDetails.of(host.view(),
                packages.findByHosts(List.of(host.id())).stream().map(PackageRow::pkg).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
