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
     * Records that packages on a host now have other versions (after a patch or a rollback), keeping the history
     * of what changed and why ({@code reason}, e.g. "CHG-000042 ring canary").
     */
    void applyPackageUpdates(String host, Collection<PackageUpdate> updates, String reason);
}
