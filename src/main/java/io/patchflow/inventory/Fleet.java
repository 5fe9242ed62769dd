package io.patchflow.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read access to hosts and their packages, and the one write a deployment makes: package versions changed. */
public interface Fleet {

    Optional<HostView> host(String name);

    /** The named hosts that exist, in name order; unknown names are left out. */
    List<HostView> hosts(Collection<String> names);

    /** All hosts, in name order. */
    List<HostView> allHosts();

    List<InstalledPackage> packages(String host);

    /**
     * The packages of the given hosts (all hosts when empty) that belong to the given ecosystems (all when empty),
     * in one read: what the advisory matcher uses. An ecosystem without release ("Debian") covers all its releases
     * ("Debian:11", "Debian:12").
     */
    default List<HostPackage> installedPackages(Collection<String> hosts, Collection<String> ecosystems) {
        List<HostView> selected = hosts.isEmpty() ? allHosts() : hosts(hosts);
        return selected.stream()
                .flatMap(host -> packages(host.name()).stream().map(pkg -> new HostPackage(host.name(), pkg)))
                .filter(hp -> ecosystems.isEmpty() || ecosystems.stream().anyMatch(e -> hp.pkg().ecosystem().equals(e)
                        || hp.pkg().ecosystem().startsWith(e + ":")))
                .toList();
    }

    /**
     * Records that packages on a host now have other versions (after a patch or a rollback), keeping the history
     * of what changed and why ({@code reason}, e.g. "CHG-000042 ring canary").
     */
    void applyPackageUpdates(String host, Collection<PackageUpdate> updates, String reason);
}
