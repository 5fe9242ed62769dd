package io.patchflow.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Newer versions of some packages that only part of the fleet has installed, so that hosts differ and a patched
 * host is visibly not affected by an advisory its neighbours still have. The updates of one source package form
 * ordered levels (the file lists them oldest first); a host that installed a level installed every earlier one.
 */
final class PackageUpdates {

    /** Per source package, its update levels in order; each level is the binary packages it brings. */
    private final Map<String, List<List<DemoPackage>>> levelsBySource;

    private PackageUpdates(Map<String, List<List<DemoPackage>>> levelsBySource) {
        this.levelsBySource = levelsBySource;
    }

    static PackageUpdates of(List<DemoPackage> updates) {
        Map<String, Map<String, List<DemoPackage>>> bySourceAndVersion = new LinkedHashMap<>();
        for (DemoPackage update : updates) {
            bySourceAndVersion.computeIfAbsent(update.source(), source -> new LinkedHashMap<>())
                    .computeIfAbsent(update.sourceVersion(), version -> new ArrayList<>())
                    .add(update);
        }
        Map<String, List<List<DemoPackage>>> levels = new LinkedHashMap<>();
        bySourceAndVersion.forEach((source, byVersion) -> levels.put(source, List.copyOf(byVersion.values())));
        return new PackageUpdates(levels);
    }

    /**
     * The host's packages after it took, per source package it has, a random number of update levels: each next
     * level with probability {@code takeUp}. Packages the host does not have are never added.
     */
    List<DemoPackage> applyTo(List<DemoPackage> installed, double takeUp, RandomGenerator random) {
        Map<String, DemoPackage> byName = new LinkedHashMap<>();
        installed.forEach(pkg -> byName.put(pkg.name(), pkg));
        levelsBySource.forEach((source, levels) -> {
            if (installed.stream().noneMatch(pkg -> pkg.source().equals(source))) {
                return;
            }
            int taken = 0;
            while (taken < levels.size() && random.nextDouble() < takeUp) {
                taken++;
            }
            for (List<DemoPackage> level : levels.subList(0, taken)) {
                level.forEach(update -> byName.computeIfPresent(update.name(),
                        (name, current) -> current.withVersion(update.version(), update.sourceVersion())));
            }
        });
        return List.copyOf(byName.values());
    }
}
