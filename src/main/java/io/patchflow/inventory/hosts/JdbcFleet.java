package io.patchflow.inventory.hosts;

import io.patchflow.inventory.DistinctPackage;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostPackage;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageKey;
import io.patchflow.inventory.PackageUpdate;
import io.patchflow.inventory.store.HostRepository;
import io.patchflow.inventory.store.HostRow;
import io.patchflow.inventory.store.PackageChange;
import io.patchflow.inventory.store.PackageRepository;
import io.patchflow.inventory.store.PackageRow;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The fleet as stored by inventory imports. */
@Service
class JdbcFleet implements Fleet {

    private final HostRepository hosts;
    private final PackageRepository packages;

    JdbcFleet(HostRepository hosts, PackageRepository packages) {
        this.hosts = hosts;
        this.packages = packages;
    }

    @Override
    public Optional<HostView> host(String name) {
        return hosts.find(name).map(HostRow::view);
    }

    @Override
    public List<HostView> hosts(Collection<String> names) {
        return hosts.findAll(names).stream().map(HostRow::view).toList();
    }

    @Override
    public List<HostView> allHosts() {
        return hosts.list(null, null).stream().map(HostRow::view).toList();
    }

    @Override
    public List<InstalledPackage> packages(String host) {
        return hosts.find(host)
                .map(row -> packages.findByHosts(List.of(row.id())).stream().map(PackageRow::pkg).toList())
                .orElse(List.of());
    }

    @Override
    public List<HostPackage> installedPackages(Collection<String> hostNames, Collection<String> ecosystems) {
        if (hostNames.isEmpty()) {
            return packages.findWithHostNames(null, ecosystems);
        }
        List<Long> ids = hostIds(hostNames);
        return ids.isEmpty() ? List.of() : packages.findWithHostNames(ids, ecosystems);
    }

    @Override
    public List<DistinctPackage> distinctPackages(Collection<String> hostNames, Collection<String> ecosystems,
            PackageKey key) {
        if (hostNames.isEmpty()) {
            return packages.distinct(null, ecosystems, key);
        }
        List<Long> ids = hostIds(hostNames);
        return ids.isEmpty() ? List.of() : packages.distinct(ids, ecosystems, key);
    }

    @Override
    public void hostsWith(Collection<String> hostNames, List<DistinctPackage> tuples, PackageKey key,
            ObjIntConsumer<String> consumer) {
        if (tuples.isEmpty()) {
            return;
        }
        if (hostNames.isEmpty()) {
            packages.hostsWith(null, tuples, key, consumer);
            return;
        }
        List<Long> ids = hostIds(hostNames);
        if (!ids.isEmpty()) {
            packages.hostsWith(ids, tuples, key, consumer);
        }
    }

    private List<Long> hostIds(Collection<String> hostNames) {
        return hosts.findAllWithoutGroups(hostNames).stream().map(HostRow::id).toList();
    }

    /**
     * Moves every installed package of the given name (all architectures) to the new version. Without a new source
     * version, a package whose source version was its own version follows it; otherwise the source version stays.
     * A package the host did not have yet (a new dependency the patch pulled in) is added in the host's ecosystem.
     */
    @Override
    @Transactional
    public void applyPackageUpdates(String host, Collection<PackageUpdate> updates, String reason) {
        applyPackageUpdates(Map.of(host, updates), reason);
    }

    /** As above for many hosts: one read of the hosts and their packages, one batch per kind of write. */
    @Override
    @Transactional
    public void applyPackageUpdates(Map<String, ? extends Collection<PackageUpdate>> updatesByHost, String reason) {
        Map<String, HostRow> rows = hosts.findAllWithoutGroups(updatesByHost.keySet()).stream()
                .collect(Collectors.toMap(r -> r.view().name(), r -> r));
        for (String host : updatesByHost.keySet()) {
            if (!rows.containsKey(host)) {
                throw new NotFoundException("No host named '" + host + "'.");
            }
        }
        Map<Long, List<PackageRow>> installed = packages.findByHosts(rows.values().stream().map(HostRow::id).toList())
                .stream().collect(Collectors.groupingBy(PackageRow::hostId));
        List<PackageRow> changed = new ArrayList<>();
        List<PackageRow> added = new ArrayList<>();
        List<PackageChange> history = new ArrayList<>();
        updatesByHost.forEach((host, updates) -> {
            HostRow row = rows.get(host);
            List<PackageRow> current = installed.getOrDefault(row.id(), List.of());
            int index = 0;
            for (PackageUpdate update : updates) {
                validate(update, "updates[" + index++ + "]");
                List<PackageRow> named = current.stream().filter(p -> p.pkg().name().equals(update.packageName()))
                        .toList();
                if (named.isEmpty()) {
                    String sourceVersion = update.newSourceVersion() == null ? update.newVersion()
                            : update.newSourceVersion();
                    InstalledPackage pkg = new InstalledPackage(update.packageName(), update.newVersion(),
                            update.packageName(), sourceVersion, null, row.view().os(), null);
                    added.add(new PackageRow(0, row.id(), pkg));
                    history.add(new PackageChange(row.id(), pkg.ecosystem(), pkg.name(), null,
                            PackageChange.Type.ADDED, null, pkg.version(), null, pkg.sourceVersion()));
                }
                for (PackageRow old : named) {
                    InstalledPackage before = old.pkg();
                    InstalledPackage after = moved(before, update);
                    if (after.version().equals(before.version())
                            && after.sourceVersion().equals(before.sourceVersion())) {
                        continue;
                    }
                    changed.add(new PackageRow(old.id(), row.id(), after));
                    history.add(new PackageChange(row.id(), before.ecosystem(), before.name(), before.arch(),
                            PackageChange.Type.CHANGED, before.version(), after.version(), before.sourceVersion(),
                            after.sourceVersion()));
                }
            }
        });
        packages.update(changed);
        packages.insert(added);
        packages.recordHistory(history, reason == null || reason.isBlank() ? "package update" : reason);
    }

    private static InstalledPackage moved(InstalledPackage before, PackageUpdate update) {
        String sourceVersion = update.newSourceVersion() != null ? update.newSourceVersion()
                : before.sourceVersion().equals(before.version()) ? update.newVersion() : before.sourceVersion();
        return new InstalledPackage(before.name(), update.newVersion(), before.source(), sourceVersion,
                before.arch(), before.ecosystem(), before.purl());
    }

    private static void validate(PackageUpdate update, String path) {
        if (update.packageName() == null || update.packageName().isBlank()) {
            throw new BadInputException(path + ".packageName", "packageName is required");
        }
        if (update.newVersion() == null || update.newVersion().isBlank()) {
            throw new BadInputException(path + ".newVersion", "newVersion is required");
        }
    }
}
