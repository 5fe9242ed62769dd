package io.patchflow.demo;

import static io.patchflow.demo.DemoOperatingSystem.DEBIAN_12;
import static io.patchflow.demo.DemoOperatingSystem.RHEL_9;
import static io.patchflow.demo.DemoOperatingSystem.UBUNTU_22_04;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The host groups of the demo fleet: what share of the fleet each has, which operating systems it runs, how
 * critical its hosts are and whether they are reachable from the internet. The figures describe a typical
 * three-tier web business: public web servers and bastions, internal API and database tiers, batch and monitoring.
 */
enum HostRole {

    WEB_FRONTENDS("web-frontends", "web", 0.24, Map.of(DEBIAN_12, 5, UBUNTU_22_04, 4, RHEL_9, 1)) {
        @Override
        String prodCriticality(RandomGenerator random) {
            // the checkout and login front ends are business-critical, the rest serve static or marketing content
            return random.nextDouble() < 0.2 ? "critical" : "high";
        }

        @Override
        boolean internetFacing(DemoEnvironment environment, RandomGenerator random) {
            return environment != DemoEnvironment.TEST;
        }
    },
    API_SERVERS("api-servers", "api", 0.26, Map.of(DEBIAN_12, 2, UBUNTU_22_04, 5, RHEL_9, 3)) {
        @Override
        String prodCriticality(RandomGenerator random) {
            return "high";
        }

        @Override
        boolean internetFacing(DemoEnvironment environment, RandomGenerator random) {
            // a few production API nodes serve the public partner API directly; the rest sit behind the front ends
            return environment == DemoEnvironment.PROD && random.nextDouble() < 0.25;
        }
    },
    DATABASES("databases", "db", 0.14, Map.of(DEBIAN_12, 5, UBUNTU_22_04, 2, RHEL_9, 3)) {
        @Override
        String prodCriticality(RandomGenerator random) {
            return "critical";
        }
    },
    BATCH_WORKERS("batch-workers", "batch", 0.24, Map.of(DEBIAN_12, 4, UBUNTU_22_04, 4, RHEL_9, 2)) {
        @Override
        String prodCriticality(RandomGenerator random) {
            return "medium";
        }
    },
    BASTIONS("bastions", "bastion", 0.05, Map.of(DEBIAN_12, 1, UBUNTU_22_04, 1, RHEL_9, 1)) {
        @Override
        String prodCriticality(RandomGenerator random) {
            return "high";
        }

        @Override
        boolean internetFacing(DemoEnvironment environment, RandomGenerator random) {
            return true;
        }
    },
    MONITORING("monitoring", "mon", 0.07, Map.of(DEBIAN_12, 3, UBUNTU_22_04, 2, RHEL_9, 2)) {
        @Override
        String prodCriticality(RandomGenerator random) {
            return "medium";
        }
    };

    private static final List<String> CRITICALITIES = List.of("low", "medium", "high", "critical");

    private final String group;
    private final String hostPrefix;
    private final double share;
    private final Map<DemoOperatingSystem, Integer> osWeights;

    HostRole(String group, String hostPrefix, double share, Map<DemoOperatingSystem, Integer> osWeights) {
        this.group = group;
        this.hostPrefix = hostPrefix;
        this.share = share;
        this.osWeights = osWeights;
    }

    /** The inventory group name, e.g. {@code web-frontends}. */
    String group() {
        return group;
    }

    /** The first part of host names, e.g. {@code web} in {@code web-prod-017}. */
    String hostPrefix() {
        return hostPrefix;
    }

    /** The share of the fleet this group makes up; the shares of all groups add up to one. */
    double share() {
        return share;
    }

    DemoOperatingSystem pickOperatingSystem(RandomGenerator random) {
        int total = osWeights.values().stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        // iterate in enum order: Map.of has no stable order, and the fleet must be the same on every run
        for (DemoOperatingSystem os : DemoOperatingSystem.values()) {
            pick -= osWeights.getOrDefault(os, 0);
            if (pick < 0) {
                return os;
            }
        }
        throw new IllegalStateException("operating system weights of " + group + " are inconsistent");
    }

    /** Production hosts as rated by the business; staging is one step lower, test hosts are always low. */
    String criticality(DemoEnvironment environment, RandomGenerator random) {
        String prod = prodCriticality(random);
        return switch (environment) {
            case PROD -> prod;
            case STAGING -> CRITICALITIES.get(Math.max(0, CRITICALITIES.indexOf(prod) - 1));
            case TEST -> "low";
        };
    }

    abstract String prodCriticality(RandomGenerator random);

    /** Internal tiers are not reachable from the internet unless a group says otherwise. */
    boolean internetFacing(DemoEnvironment environment, RandomGenerator random) {
        return false;
    }
}
