package io.patchflow.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjIntConsumer;

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
     * The distinct (ecosystem, name, version) of the packages of the given hosts (all hosts when empty) in the given
     * ecosystems (all when empty; "Debian" covers "Debian:12"), grouped in the database: what a fleet-wide match
     * compares, once per tuple, instead of every installed package.
     */
    List<DistinctPackage> distinctPackages(Collection<String> hosts, Collection<String> ecosystems, PackageKey key);

    /**
     * Joins tuples back to the hosts that have them, in the database: for every host of {@code hosts} (all when
     * empty) with an installed package whose (ecosystem, name, version) under {@code key} equals
     * {@code tuples.get(i)}, hands (host name, i) to {@code consumer} once, however many architectures or binaries
     * of that source the host has. Only the given tuples' fields ecosystem, name and version are used.
     */
    void hostsWith(Collection<String> hosts, List<DistinctPackage> tuples, PackageKey key,
            ObjIntConsumer<String> consumer);

    /**
     * Records that packages on a host now have other versions (after a patch or a rollback), keeping the history
     * of what changed and why ({@code reason}, e.g. "CHG-000042 ring canary").
     */
    void applyPackageUpdates(String host, Collection<PackageUpdate> updates, String reason);

    /**
     * {@link #applyPackageUpdates(String, Collection, String)} for many hosts (host name to its updates) at once, all
     * or nothing: what a deployment batch of hundreds of hosts reports, in a few statements instead of a few per host.
     */
    default void applyPackageUpdates(Map<String, ? extends Collection<PackageUpdate>> updatesByHost, String reason) {
        updatesByHost.forEach((host, updates) -> applyPackageUpdates(host, updates, reason));
    }
}
