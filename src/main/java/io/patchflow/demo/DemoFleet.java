package io.patchflow.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulated fleet of the embedded default: web front ends, API servers, databases, batch workers, bastions and
 * monitoring hosts on Debian 12, Ubuntu 22.04 and RHEL 9, spread over test (about 10%), staging (20%) and prod (70%).
 * Each host gets its operating system's base image, its group's role packages and, at random, some of the newer
 * package versions of {@code demo/packages/<os>/updates.tsv}: test hosts are patched most, production least, so the
 * sample advisories hit some hosts and not others.
 * <p>
 * The fleet is a pure function of size and seed: the same arguments give the same hosts, in the same order, on every
 * run, which keeps the demo and its screenshots and walkthroughs stable.
 */
public final class DemoFleet {

    public static final int DEFAULT_SIZE = 240;
    public static final long DEFAULT_SEED = 20250825L;

    private final List<DemoHost> hosts;

    /** The default fleet: {@value #DEFAULT_SIZE} hosts from seed {@value #DEFAULT_SEED}. */
    public DemoFleet() {
        this(DEFAULT_SIZE, DEFAULT_SEED);
    }

    public DemoFleet(int size) {
        this(size, DEFAULT_SEED);
    }

    public DemoFleet(int size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("fleet size must not be negative, was " + size);
        }
        this.hosts = new Generator(new Random(seed)).generate(size);
    }

    /** All hosts, grouped by role and environment, numbered within each (web-prod-001, web-prod-002, ...). */
    public List<DemoHost> hosts() {
        return hosts;
    }

    public int size() {
        return hosts.size();
    }

    /** One generation run; reads each package list once. */
    private static final class Generator {

        private final Random random;
        private final Map<String, List<DemoPackage>> packageLists = new HashMap<>();
        private final Map<DemoOperatingSystem, PackageUpdates> updates = new EnumMap<>(DemoOperatingSystem.class);

        Generator(Random random) {
            this.random = random;
        }

        List<DemoHost> generate(int size) {
            Map<HostRole, Integer> hostsPerRole = apportion(size);
            List<DemoHost> fleet = new ArrayList<>(size);
            for (HostRole role : HostRole.values()) {
                int roleSize = hostsPerRole.get(role);
                int test = (int) Math.round(roleSize * DemoEnvironment.TEST.share());
                int staging = (int) Math.round(roleSize * DemoEnvironment.STAGING.share());
                addHosts(fleet, role, DemoEnvironment.TEST, test);
                addHosts(fleet, role, DemoEnvironment.STAGING, staging);
                addHosts(fleet, role, DemoEnvironment.PROD, roleSize - test - staging);
            }
            return List.copyOf(fleet);
        }

        /**
         * Splits the fleet over the roles by their shares with the largest-remainder method, so the counts always add
         * up to the requested size.
         */
        private static Map<HostRole, Integer> apportion(int size) {
            Map<HostRole, Integer> counts = new EnumMap<>(HostRole.class);
            int assigned = 0;
            for (HostRole role : HostRole.values()) {
                int count = (int) Math.floor(size * role.share());
                counts.put(role, count);
                assigned += count;
            }
            List<HostRole> byRemainder = new ArrayList<>(List.of(HostRole.values()));
            byRemainder.sort(Comparator.comparingDouble((HostRole role) -> -remainder(size, role))
                    .thenComparing(HostRole::ordinal));
            for (int i = 0; assigned < size; i = (i + 1) % byRemainder.size(), assigned++) {
                counts.merge(byRemainder.get(i), 1, Integer::sum);
            }
            return counts;
        }

        private static double remainder(int size, HostRole role) {
            double exact = size * role.share();
            return exact - Math.floor(exact);
        }

        private void addHosts(List<DemoHost> fleet, HostRole role, DemoEnvironment environment, int count) {
            for (int number = 1; number <= count; number++) {
                DemoOperatingSystem os = role.pickOperatingSystem(random);
                String name = "%s-%s-%03d".formatted(role.hostPrefix(), environment.label(), number);
                String criticality = role.criticality(environment, random);
                boolean internetFacing = role.internetFacing(environment, random);
                List<DemoPackage> packages = updates(os).applyTo(installedImage(os, role),
                        environment.updateTakeUp(), random);
                fleet.add(new DemoHost(name, os.ecosystem(), environment.label(), List.of(role.group()), criticality,
                        internetFacing, sortedByName(packages)));
            }
        }

        /** Base image plus role packages; a role package replaces a base package of the same name. */
        private List<DemoPackage> installedImage(DemoOperatingSystem os, HostRole role) {
            Map<String, DemoPackage> byName = new LinkedHashMap<>();
            packageList(os.baseImageResource()).forEach(pkg -> byName.put(pkg.name(), pkg));
            packageList(os.roleResource(role.group())).forEach(pkg -> byName.put(pkg.name(), pkg));
            return List.copyOf(byName.values());
        }

        private PackageUpdates updates(DemoOperatingSystem os) {
            return updates.computeIfAbsent(os, system -> PackageUpdates.of(packageList(system.updatesResource())));
        }

        private List<DemoPackage> packageList(String resource) {
            return packageLists.computeIfAbsent(resource, PackageListFile::read);
        }

        private static List<DemoPackage> sortedByName(List<DemoPackage> packages) {
            return packages.stream().sorted(Comparator.comparing(DemoPackage::name)).toList();
        }
    }
}
