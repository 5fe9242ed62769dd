package io.patchflow.deployment.ansible;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostAttributes;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.inventory.InventoryFormats;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.InventoryRefresh;
import io.patchflow.inventory.InventorySource;
import io.patchflow.inventory.PackageInput;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads hosts' installed packages with Ansible's {@code package_facts} and replaces their package lists through
 * the inventory module's {@code package_facts} importer, so that verification matches what is really installed.
 * apt's facts do not name the source package of a binary, which Debian and Ubuntu advisories are about; the
 * playbook lists it with {@code dpkg-query} and it is added here. A host that cannot be read keeps its previous
 * list (and so still shows as vulnerable): the failure is logged and reported with Ansible's message. Both the
 * verification step's evidence and the inventory module's live source ({@code POST /api/v1/inventory/refresh}).
 */
class PackageFactsRefresh implements InventorySource {

    private static final Logger log = LoggerFactory.getLogger(PackageFactsRefresh.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fleet fleet;
    private final InventoryImport inventory;
    private final AnsibleRuns runs;
    private final AnsibleProperties properties;

    PackageFactsRefresh(Fleet fleet, InventoryImport inventory, AnsibleRuns runs, AnsibleProperties properties) {
        this.fleet = fleet;
        this.inventory = inventory;
        this.runs = runs;
        this.properties = properties;
    }

    @Override
    public InventoryRefresh refresh(Collection<String> names, String requestedBy) {
        List<HostView> hosts = fleet.hosts(names);
        Map<String, String> notRefreshed = new LinkedHashMap<>();
        List<PlannedHost> planned = new ArrayList<>();
        for (HostView host : hosts) {
            Optional<PackageManager> manager = PackageManager.forOs(host.os());
            if (manager.isEmpty()) {
                notRefreshed(notRefreshed, host.name(), "no package manager known for os '" + host.os() + "'");
                continue;
            }
            planned.add(new PlannedHost(host.name(), manager.get(), properties.settingsFor(host.groups()),
                    List.of()));
        }
        if (planned.isEmpty()) {
            return new InventoryRefresh(List.of(), notRefreshed);
        }
        AnsibleRuns.Result result = runs.execute(null, PlaybookAction.REFRESH, planned, null);
        List<HostInput> read = new ArrayList<>();
        for (PlannedHost plannedHost : planned) {
            HostView host = hosts.stream().filter(h -> h.name().equals(plannedHost.name())).findFirst().orElseThrow();
            Optional<HostReport> report = result.events().host(host.name());
            if (report.isEmpty() || report.get().failed() || report.get().unreachable()
                    || report.get().packageFacts() == null || report.get().packageFacts().isMissingNode()) {
                notRefreshed(notRefreshed, host.name(), report.filter(r -> r.failedTask() != null)
                        .map(HostReport::failureMessage).orElse(AnsibleRuns.describe(result.exit())));
                continue;
            }
            read.add(hostInput(host, report.get()));
        }
        if (!read.isEmpty()) {
            inventory.importHosts(read, "Ansible package_facts refresh (" + requestedBy + ")");
        }
        return new InventoryRefresh(read.stream().map(HostInput::name).toList(), notRefreshed);
    }

    private static void notRefreshed(Map<String, String> notRefreshed, String host, String reason) {
        log.warn("Inventory of {} not refreshed: {}", host, reason);
        notRefreshed.put(host, reason);
    }

    private static HostInput hostInput(HostView host, HostReport report) {
        ObjectNode facts = JSON.createObjectNode();
        facts.putObject("ansible_facts").set("packages", report.packageFacts());
        HostAttributes attributes = new HostAttributes(host.name(), host.os(), host.environment(), host.groups(),
                host.criticality(), host.internetFacing());
        HostInput input = InventoryFormats.parse(InventoryFormat.PACKAGE_FACTS,
                new ByteArrayInputStream(facts.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                attributes, InventoryLimits.DEFAULTS).get(0);
        Map<String, String[]> sources = sources(report.sourcePackages());
        if (sources.isEmpty()) {
            return input;
        }
        List<PackageInput> packages = input.packages().stream().map(p -> {
            String[] source = sources.getOrDefault(p.name() + "\t" + p.arch(), sources.get(p.name() + "\t"));
            return source == null ? p : new PackageInput(p.name(), p.version(), source[0], source[1], p.arch(),
                    p.ecosystem(), p.purl());
        }).toList();
        return new HostInput(input.name(), input.os(), input.environment(), input.groups(), input.criticality(),
                input.internetFacing(), packages);
    }

    /** "name\tarch" (and "name\t" for the first architecture seen) -> {source, source version}. */
    private static Map<String, String[]> sources(String dpkgQuery) {
        Map<String, String[]> sources = new HashMap<>();
        if (dpkgQuery == null) {
            return sources;
        }
        for (String line : dpkgQuery.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && !f[2].isBlank() && !f[3].isBlank()) {
                String[] source = {f[2], f[3]};
                sources.put(f[0] + "\t" + f[1], source);
                sources.putIfAbsent(f[0] + "\t", source);
            }
        }
        return sources;
    }
}
