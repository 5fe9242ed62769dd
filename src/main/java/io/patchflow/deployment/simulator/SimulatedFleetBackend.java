package io.patchflow.deployment.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default's fleet: no host is touched, but the inventory changes exactly as a real patch would
 * change it, so verification sees the result, and rollback restores the versions recorded before.
 * <p>
 * Like every back end it applies a change at most once per host and rollout attempt (DeploymentBackend): each host's
 * answer is journaled in the transaction that changes its package versions, and a repeated request (a job re-run
 * after its node died before recording the results, or run twice at once by two nodes) gets the journaled answer.
 */
@Component
@ConditionalOnProperty(name = "patchflow.deployment.backend", havingValue = "simulator", matchIfMissing = true)
class SimulatedFleetBackend implements DeploymentBackend {

    static final String PATCH = "patch";
    static final String ROLLBACK = "rollback";
    /** A concurrent run of the same batch may take some hosts first; each try applies at least what is left. */
    private static final int TRIES = 5;

    private final Fleet fleet;
    private final SimulatorProperties properties;
    private final SimulatorJournal journal;
    private final Pattern failing;
    private final Random random;

    private final TransactionTemplate transaction;

    SimulatedFleetBackend(Fleet fleet, SimulatorProperties properties, PlatformTransactionManager transactions,
            JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json) {
        this.fleet = fleet;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.journal = new SimulatorJournal(jdbc, batches, json);
        this.failing = Pattern.compile(properties.failingHosts());
        this.random = new Random(properties.seed());
    }

    /**
     * Decides the outcome of every host not patched yet in this attempt (with the simulated latency), then journals
     * them and changes the inventory of the hosts that succeeded in one transaction: a batch of the simulated fleet
     * is as cheap as the fleet's own writes.
     */
    @Override
    public List<HostOutcome> patch(DeploymentRun run, List<PatchOrder> batch) {
        return applyOnce(run, PATCH, batch, this::decidePatch);
    }

    @Override
    public List<HostOutcome> rollback(DeploymentRun run, List<PatchOrder> restore) {
        return applyOnce(run, ROLLBACK, restore, orders -> orders.stream().map(order -> {
            pause();
            return new HostOutcome(order.host(), HostState.SUCCEEDED, null, List.of());
        }).toList());
    }

    private List<HostOutcome> applyOnce(DeploymentRun run, String action, List<PatchOrder> orders,
            Function<List<PatchOrder>, List<HostOutcome>> decide) {
        List<String> hosts = orders.stream().map(PatchOrder::host).toList();
        Map<String, HostOutcome> answers = journal.answers(run, action, hosts);
        for (int tries = 1; !answers.keySet().containsAll(hosts); tries++) {
            Map<String, PatchOrder> fresh = new LinkedHashMap<>();
            for (PatchOrder order : orders) {
                if (!answers.containsKey(order.host())) {
                    fresh.putIfAbsent(order.host(), order);
                }
            }
            // By name, as every caller journals them: two runs of the same hosts wait for each other, never deadlock.
            List<PatchOrder> freshOrders = fresh.values().stream().sorted(Comparator.comparing(PatchOrder::host))
                    .toList();
            List<HostOutcome> decided = decide.apply(freshOrders);
            try {
                transaction.executeWithoutResult(status -> {
                    journal.record(run, action, decided);
                    apply(freshOrders, decided, action);
                });
            } catch (DataIntegrityViolationException doubled) {
                // Another run of the same batch journaled some of these hosts first; nothing of ours was applied.
                if (tries == TRIES) {
                    throw new IllegalStateException("Simulated " + action + " of " + run.applicationKey()
                            + " kept colliding with a concurrent run of the same hosts", doubled);
                }
            }
            answers = journal.answers(run, action, hosts);
        }
        Map<String, HostOutcome> byHost = answers;
        return hosts.stream().map(byHost::get).toList();
    }

    private List<HostOutcome> decidePatch(List<PatchOrder> batch) {
        Map<String, List<InstalledPackage>> installed = installedPackagesOf(batch);
        List<HostOutcome> outcomes = new ArrayList<>();
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
            boolean reboot = chance(properties.rebootRate());
            outcomes.add(new HostOutcome(order.host(),
                    reboot ? HostState.SUCCEEDED_REBOOT_REQUIRED : HostState.SUCCEEDED, null, previous));
        }
        return outcomes;
    }

    /** Changes the package versions of the hosts whose outcome succeeded; {@code outcomes} match {@code orders}. */
    private void apply(List<PatchOrder> orders, List<HostOutcome> outcomes, String reason) {
        Map<String, List<PackageUpdate>> updates = new LinkedHashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            if (outcomes.get(i).state().succeeded()) {
                updates.put(orders.get(i).host(), updates(orders.get(i).packages()));
            }
        }
        fleet.applyPackageUpdates(updates, reason);
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
