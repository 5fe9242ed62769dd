package io.patchflow.inventory.imports;

import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.store.PackageChange;
import io.patchflow.inventory.store.PackageRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What must happen to a host's stored packages so that they become the reported list. Packages are identified by
 * (ecosystem, name, arch); the same name may be installed in several versions (language ecosystems allow that), so
 * versions present on both sides stay, and the remaining old and new versions of a name are paired up as
 * version changes, the rest being additions or removals.
 */
record PackageListDiff(List<PackageRow> inserts, List<PackageRow> updates, List<Long> deletes,
        List<PackageChange> changes) {

    private record Key(String ecosystem, String name, String arch) {
        static Key of(InstalledPackage p) {
            return new Key(p.ecosystem(), p.name(), p.arch());
        }
    }

    static PackageListDiff between(long hostId, List<PackageRow> stored, List<InstalledPackage> reported) {
        Map<Key, List<PackageRow>> old = new LinkedHashMap<>();
        stored.forEach(row -> old.computeIfAbsent(Key.of(row.pkg()), k -> new ArrayList<>()).add(row));
        Map<Key, List<InstalledPackage>> fresh = new LinkedHashMap<>();
        reported.forEach(p -> fresh.computeIfAbsent(Key.of(p), k -> new ArrayList<>()).add(p));

        PackageListDiff diff = new PackageListDiff(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (Map.Entry<Key, List<InstalledPackage>> entry : fresh.entrySet()) {
            List<PackageRow> olds = new ArrayList<>(old.getOrDefault(entry.getKey(), List.of()));
            List<InstalledPackage> news = new ArrayList<>(entry.getValue());
            diff.keepUnchanged(hostId, olds, news);
            diff.pairUp(hostId, olds, news);
            old.remove(entry.getKey());
        }
        old.values().forEach(rows -> rows.forEach(row -> diff.remove(row)));
        return diff;
    }

    /** Drops the versions present on both sides, quietly refreshing source and purl where only those changed. */
    private void keepUnchanged(long hostId, List<PackageRow> olds, List<InstalledPackage> news) {
        for (Iterator<InstalledPackage> it = news.iterator(); it.hasNext();) {
            InstalledPackage p = it.next();
            for (Iterator<PackageRow> o = olds.iterator(); o.hasNext();) {
                PackageRow row = o.next();
                if (row.pkg().version().equals(p.version())
                        && row.pkg().sourceVersion().equals(p.sourceVersion())) {
                    if (!sameSource(row.pkg(), p)) {
                        updates.add(new PackageRow(row.id(), hostId, p));
                    }
                    o.remove();
                    it.remove();
                    break;
                }
            }
        }
    }

    private void pairUp(long hostId, List<PackageRow> olds, List<InstalledPackage> news) {
        int paired = Math.min(olds.size(), news.size());
        for (int i = 0; i < paired; i++) {
            PackageRow row = olds.get(i);
            InstalledPackage p = news.get(i);
            updates.add(new PackageRow(row.id(), hostId, p));
            changes.add(new PackageChange(hostId, p.ecosystem(), p.name(), p.arch(), PackageChange.Type.CHANGED,
                    row.pkg().version(), p.version(), row.pkg().sourceVersion(), p.sourceVersion()));
        }
        for (InstalledPackage p : news.subList(paired, news.size())) {
            inserts.add(new PackageRow(0, hostId, p));
            changes.add(new PackageChange(hostId, p.ecosystem(), p.name(), p.arch(), PackageChange.Type.ADDED,
                    null, p.version(), null, p.sourceVersion()));
        }
        olds.subList(paired, olds.size()).forEach(this::remove);
    }

    private void remove(PackageRow row) {
        deletes.add(row.id());
        changes.add(new PackageChange(row.hostId(), row.pkg().ecosystem(), row.pkg().name(), row.pkg().arch(),
                PackageChange.Type.REMOVED, row.pkg().version(), null, row.pkg().sourceVersion(), null));
    }


    private static boolean sameSource(InstalledPackage a, InstalledPackage b) {
        return Objects.equals(a.source(), b.source()) && Objects.equals(a.purl(), b.purl());
    }
}
