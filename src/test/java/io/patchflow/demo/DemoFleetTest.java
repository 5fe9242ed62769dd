package io.patchflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoFleetTest {

    private static final DemoFleet FLEET = new DemoFleet();

    @Test
    void isTheSameOnEveryRun() {
        assertThat(new DemoFleet(DemoFleet.DEFAULT_SIZE, DemoFleet.DEFAULT_SEED).hosts()).isEqualTo(FLEET.hosts());
    }

    @Test
    void anotherSeedGivesAnotherFleet() {
        assertThat(new DemoFleet(DemoFleet.DEFAULT_SIZE, 7L).hosts()).isNotEqualTo(FLEET.hosts());
    }

    @Test
    void hasTheDefaultSizeOrTheConfiguredOne() {
        assertThat(FLEET.hosts()).hasSize(240);
        assertThat(new DemoFleet(57).hosts()).hasSize(57);
        assertThat(new DemoFleet(1000).hosts()).hasSize(1000);
        assertThat(new DemoFleet(0).hosts()).isEmpty();
        assertThatThrownBy(() -> new DemoFleet(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spreadsHostsOverTestStagingAndProdRoughly10To20To70() {
        Map<String, Long> perEnvironment = count(DemoHost::environment);
        assertThat(perEnvironment.keySet()).containsExactlyInAnyOrder("test", "staging", "prod");
        assertThat(perEnvironment.get("test")).isBetween(18L, 30L);
        assertThat(perEnvironment.get("staging")).isBetween(40L, 56L);
        assertThat(perEnvironment.get("prod")).isBetween(160L, 180L);
    }

    @Test
    void hasSixGroupsEachInEveryEnvironment() {
        Map<String, Set<String>> environmentsPerGroup = FLEET.hosts().stream().collect(Collectors.groupingBy(
                host -> host.groups().get(0), Collectors.mapping(DemoHost::environment, Collectors.toSet())));
        assertThat(environmentsPerGroup.keySet()).containsExactlyInAnyOrder("web-frontends", "api-servers",
                "databases", "batch-workers", "bastions", "monitoring");
        assertThat(environmentsPerGroup.values()).allSatisfy(
                environments -> assertThat(environments).containsExactlyInAnyOrder("test", "staging", "prod"));
    }

    @Test
    void runsDebianUbuntuAndRhel() {
        assertThat(count(DemoHost::os).keySet()).containsExactlyInAnyOrder("Debian:12", "Ubuntu:22.04", "Red Hat:9");
    }

    @Test
    void namesHostsByRoleEnvironmentAndNumber() {
        assertThat(FLEET.hosts()).allSatisfy(host -> assertThat(host.name())
                .matches("(web|api|db|batch|bastion|mon)-(test|staging|prod)-\\d{3}")
                .contains("-" + host.environment() + "-"));
        assertThat(FLEET.hosts().stream().map(DemoHost::name).distinct()).hasSize(FLEET.size());
        assertThat(FLEET.hosts()).extracting(DemoHost::name).contains("web-prod-017", "db-prod-001", "api-test-001");
    }

    @Test
    void ratesCriticalityAndExposureByGroupAndEnvironment() {
        assertThat(FLEET.hosts()).allSatisfy(host -> {
            assertThat(host.criticality()).isIn("low", "medium", "high", "critical");
            if (host.environment().equals("test")) {
                assertThat(host.criticality()).isEqualTo("low");
            }
            if (host.groups().contains("databases")) {
                assertThat(host.internetFacing()).isFalse();
                if (host.environment().equals("prod")) {
                    assertThat(host.criticality()).isEqualTo("critical");
                }
            }
            if (host.groups().contains("bastions")) {
                assertThat(host.internetFacing()).isTrue();
            }
        });
        assertThat(FLEET.hosts()).filteredOn(host -> host.name().startsWith("web-prod-"))
                .allMatch(DemoHost::internetFacing);
    }

    @Test
    void givesEveryHostItsBaseImageAndRolePackages() {
        assertThat(FLEET.hosts()).allSatisfy(host -> {
            assertThat(host.packages()).hasSizeGreaterThan(120);
            assertThat(host.packages().stream().map(DemoPackage::name).distinct()).hasSize(host.packages().size());
            assertThat(host.packages()).extracting(DemoPackage::source).contains("openssh", "openssl");
        });
        assertThat(FLEET.hosts()).filteredOn(host -> host.groups().contains("web-frontends"))
                .allSatisfy(host -> assertThat(host.packages()).extracting(DemoPackage::source).contains("nginx"));
        assertThat(FLEET.hosts()).filteredOn(host -> host.groups().contains("databases"))
                .allSatisfy(host -> assertThat(host.packages()).extracting(DemoPackage::name)
                        .anyMatch(name -> name.startsWith("postgresql")));
    }

    @Test
    void runsDifferentVersionsOnDifferentHosts() {
        Map<String, Long> debianOpensshVersions = FLEET.hosts().stream()
                .filter(host -> host.os().equals("Debian:12"))
                .flatMap(host -> host.packages().stream())
                .filter(pkg -> pkg.name().equals("openssh-server"))
                .collect(Collectors.groupingBy(DemoPackage::version, Collectors.counting()));
        assertThat(debianOpensshVersions).containsOnlyKeys("1:9.2p1-2+deb12u1", "1:9.2p1-2+deb12u2",
                "1:9.2p1-2+deb12u3");
        // production lags behind: most hosts still run the base image's version
        assertThat(debianOpensshVersions.get("1:9.2p1-2+deb12u1"))
                .isGreaterThan(debianOpensshVersions.get("1:9.2p1-2+deb12u3"));
    }

    private static Map<String, Long> count(Function<DemoHost, String> key) {
        return FLEET.hosts().stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
