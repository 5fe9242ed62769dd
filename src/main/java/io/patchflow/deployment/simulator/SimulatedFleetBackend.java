package io.patchflow.deployment.simulator;

import io.patchflow.deployment.DeploymentBackend;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PatchOrder;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

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

    SimulatedFleetBackend(Fleet fleet, SimulatorProperties properties) {
        this.fleet = fleet;
        this.properties = properties;
        this.failing = Pattern.compile(properties.failingHosts());
        this.random = new Random(properties.seed());
    }

    @Override
    public List<HostOutcome> patch(List<PatchOrder> batch) {
        List<HostOutcome> outcomes = new ArrayList<>();
        for (PatchOrder order : batch) {
            pause();
            List<PackageTarget> previous = installedVersionsOf(order);
            if (failing.matcher(order.host()).matches() || chance(properties.failureRate())) {
                boolean unreachable = chance(properties.unreachableRate());
                outcomes.add(new HostOutcome(order.host(), unreachable ? HostState.UNREACHABLE : HostState.FAILED,
                        unreachable ? "simulated: host did not answer over SSH"
                                : "simulated: package manager exited with status 100", previous));
                continue;
            }
            fleet.applyPackageUpdates(order.host(), updates(order.packages()), "patch");
            boolean reboot = chance(properties.rebootRate());
            outcomes.add(new HostOutcome(order.host(),
                    reboot ? HostState.SUCCEEDED_REBOOT_REQUIRED : HostState.SUCCEEDED, null, previous));
        }
        return outcomes;
    }

    @Override
    public List<HostOutcome> rollback(List<PatchOrder> restore) {
        List<HostOutcome> outcomes = new ArrayList<>();
        for (PatchOrder order : restore) {
            pause();
            fleet.applyPackageUpdates(order.host(), updates(order.packages()), "rollback");
            outcomes.add(new HostOutcome(order.host(), HostState.SUCCEEDED, null, List.of()));
        }
        return outcomes;
    }

    @Override
    public void refreshInventory(Collection<String> hosts) {
        // The simulated fleet's inventory is Patchflow's own: it is always current.
    }

    private List<PackageTarget> installedVersionsOf(PatchOrder order) {
        Map<String, InstalledPackage> installed = fleet.packages(order.host()).stream()
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
