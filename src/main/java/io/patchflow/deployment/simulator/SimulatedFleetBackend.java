package io.patchflow.deployment.simulator;

import io.patchflow.deployment.DeploymentBackend;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostPackage;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default's fleet: no host is touched, but the inventory changes exactly as a real patch would
 * change it, so verification sees the result, and rollback restores the versions recorded before.
 */
@Component
@ConditionalOnProperty(name = "patchflow.deployment.backend", havingValue = "simulator", matchIfMissing = true)
class SimulatedFleetBackend implements DeploymentBackend {

    private final Fleet fleet;
    private final SimulatorProperties properties;
    private final Pattern failing;
    private final Random random;

    private final TransactionTemplate transaction;

    SimulatedFleetBackend(Fleet fleet, SimulatorProperties properties, PlatformTransactionManager transactions) {
        this.fleet = fleet;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.failing = Pattern.compile(properties.failingHosts());
        this.random = new Random(properties.seed());
    }

    /**
     * Decides every host's outcome first (with the simulated latency), then changes the inventory of the hosts that
     * succeeded in one transaction: a batch of the simulated fleet is as cheap as the fleet's own writes.
     */
    @Override
    public List<HostOutcome> patch(DeploymentRun run, List<PatchOrder> batch) {
        Map<String, List<InstalledPackage>> installed = installedPackagesOf(batch);
        List<HostOutcome> outcomes = new ArrayList<>();
        List<PatchOrder> patched = new ArrayList<>();
        for (PatchOrder order : batch) {
            pause();
            List<PackageTarget> previous = installedVersionsOf(order, installed.getOrDefault(order.host(), List.of()));
            if (failing.matcher(order.host()).matches() || chance(properties.failureRate())) {
                boolean unreachable = chance(properties.unreachableRate());
                outcomes.add(new HostOutcome(order.host(), unreachable ? HostState.UNREACHABLE : HostState.FAILED,
                        unreachable ? "simulated: host did not answer over SSH"
                                : "simulated: package manager exited with status 100", previous));
                continue;
            }
            patched.add(order);
            boolean reboot = chance(properties.rebootRate());
            outcomes.add(new HostOutcome(order.host(),
                    reboot ? HostState.SUCCEEDED_REBOOT_REQUIRED : HostState.SUCCEEDED, null, previous));
        }
        apply(patched, "patch");
        return outcomes;
    }

    @Override
    public List<HostOutcome> rollback(DeploymentRun run, List<PatchOrder> restore) {
        List<HostOutcome> outcomes = new ArrayList<>();
        for (PatchOrder order : restore) {
            pause();
            outcomes.add(new HostOutcome(order.host(), HostState.SUCCEEDED, null, List.of()));
        }
        apply(restore, "rollback");
        return outcomes;
    }

    private void apply(List<PatchOrder> orders, String reason) {
        Map<String, List<PackageUpdate>> updates = new LinkedHashMap<>();
        orders.forEach(order -> updates.put(order.host(), updates(order.packages())));
        transaction.executeWithoutResult(status -> fleet.applyPackageUpdates(updates, reason));
    }

    @Override
    public void refreshInventory(Collection<String> hosts) {
        // The simulated fleet's inventory is Patchflow's own: it is always current.
    }

    private Map<String, List<InstalledPackage>> installedPackagesOf(List<PatchOrder> batch) {
        return fleet.installedPackages(batch.stream().map(PatchOrder::host).toList(), List.of()).stream()
                .collect(Collectors.groupingBy(HostPackage::host,
                        Collectors.mapping(HostPackage::pkg, Collectors.toList())));
    }

    private static List<PackageTarget> installedVersionsOf(PatchOrder order, List<InstalledPackage> packages) {
        Map<String, InstalledPackage> installed = packages.stream()
                .collect(Collectors.toMap(InstalledPackage::name, Function.identity(), (a, b) -> a));
        return order.packages().stream()
                .map(p -> installed.get(p.name()))
                .filter(p -> p != null)
                .map(p -> new PackageTarget(p.name(), p.version(), p.sourceVersion()))
                .toList();
    }

    private static List<PackageUpdate> updates(List<PackageTarget> targets) {
        return targets.stream().map(t -> new PackageUpdate(t.name(), t.version(), t.sourceVersion())).toList();
    }

    private synchronized boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private void pause() {
        if (properties.latency().isZero()) {
            return;
        }
        try {
            Thread.sleep(properties.latency().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while simulating a deployment", e);
        }
    }
}
