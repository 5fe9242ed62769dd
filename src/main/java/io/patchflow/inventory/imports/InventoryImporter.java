package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryImportResult;
import io.patchflow.inventory.store.HostRepository;
import io.patchflow.inventory.store.HostRow;
import io.patchflow.inventory.store.PackageChange;
import io.patchflow.inventory.store.PackageRepository;
import io.patchflow.inventory.store.PackageRow;
import io.patchflow.shared.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports an inventory in one transaction with a fixed number of statements per batch, whatever the fleet size:
 * hosts are read and written in batches, packages are compared in memory and only the differences are written.
 */
@Service
class InventoryImporter implements InventoryImport {

    private final HostRepository hosts;
    private final PackageRepository packages;

    InventoryImporter(HostRepository hosts, PackageRepository packages) {
        this.hosts = hosts;
        this.packages = packages;
    }

    @Override
    @Transactional
    public InventoryImportResult importHosts(List<HostInput> input, String reason) {
        List<ValidHost> valid = HostInputValidator.validate(input);
        if (valid.isEmpty()) {
            return new InventoryImportResult(0, 0, 0, 0, 0);
        }
        Map<String, HostRow> stored;
        try {
            stored = upsertHosts(valid);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Another import created one of these hosts at the same time; send the "
                    + "inventory again.");
        }
        List<PackageRow> existing = packages.findByHosts(stored.values().stream().map(HostRow::id).toList());
        Map<Long, List<PackageRow>> existingByHost = existing.stream()
                .collect(Collectors.groupingBy(PackageRow::hostId));

        List<PackageRow> inserts = new ArrayList<>();
        List<PackageRow> updates = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        List<PackageChange> changes = new ArrayList<>();
        int packageCount = 0;
        for (ValidHost host : valid) {
            long hostId = stored.get(host.view().name()).id();
            PackageListDiff diff = PackageListDiff.between(hostId, existingByHost.getOrDefault(hostId, List.of()),
                    host.packages());
            inserts.addAll(diff.inserts());
            updates.addAll(diff.updates());
            deletes.addAll(diff.deletes());
            changes.addAll(diff.changes());
            packageCount += host.packages().size();
        }
        packages.delete(deletes);
        packages.update(updates);
        packages.insert(inserts);
        packages.recordHistory(changes, reason);
        return new InventoryImportResult(valid.size(), packageCount, count(changes, PackageChange.Type.ADDED),
                count(changes, PackageChange.Type.REMOVED), count(changes, PackageChange.Type.CHANGED));
    }

    private Map<String, HostRow> upsertHosts(List<ValidHost> valid) {
        List<String> names = valid.stream().map(h -> h.view().name()).toList();
        Map<String, HostRow> before = byName(hosts.findAll(names));
        List<HostView> created = new ArrayList<>();
        List<HostRow> updated = new ArrayList<>();
        for (ValidHost host : valid) {
            HostRow row = before.get(host.view().name());
            if (row == null) {
                created.add(host.view());
            } else {
                updated.add(new HostRow(row.id(), host.view()));
            }
        }
        hosts.insert(created);
        hosts.update(updated);
        Map<String, HostRow> after = byName(hosts.findAll(names));
        // the rows as reported (their groups included), with the keys the database gave them
        List<HostRow> reported = valid.stream().map(h -> new HostRow(after.get(h.view().name()).id(), h.view()))
                .toList();
        hosts.replaceGroups(reported);
        return byName(reported);
    }

    private static Map<String, HostRow> byName(List<HostRow> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.view().name(), Function.identity()));
    }

    private static int count(List<PackageChange> changes, PackageChange.Type type) {
        return (int) changes.stream().filter(c -> c.type() == type).count();
    }
}
