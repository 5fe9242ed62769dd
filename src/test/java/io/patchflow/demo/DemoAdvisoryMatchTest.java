package io.patchflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.matching.RangeEvaluator;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvParser;
import io.patchflow.advisory.version.Ecosystems;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;

/**
 * Every sample advisory hits part of the demo fleet and is resolved by its fix: parsed by the advisory module's OSV
 * parser and evaluated with its range evaluator and ecosystem rules, the way the fleet matcher does (Debian and
 * Ubuntu by source package and source version, Red Hat by binary package and version).
 */
class DemoAdvisoryMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<DemoHost> FLEET = new DemoFleet().hosts();
    private static final Map<String, OsvAdvisory> ADVISORIES = new LinkedHashMap<>();

    @BeforeAll
    static void parseAdvisories() throws IOException {
        for (Resource file : DemoResources.advisoryFiles()) {
            try (InputStream in = file.getInputStream()) {
                OsvAdvisory advisory = OsvParser.parse(JSON.readTree(in), "");
                ADVISORIES.put(advisory.id(), advisory);
            }
        }
    }

    @Test
    void everyAdvisoryHitsSomeHostsButNotAll() {
        ADVISORIES.values().forEach(advisory -> {
            Set<String> hit = affectedHosts(advisory, FLEET);
            assertThat(hit).as(advisory.id()).isNotEmpty();
            long sameOs = FLEET.stream().filter(host -> appliesToHost(advisory, host)).count();
            assertThat(hit.size()).as(advisory.id() + ": some hosts of its OS already run the fix")
                    .isLessThan((int) sameOs);
        });
    }

    @Test
    void noAdvisoryMatchesOnceItsPackagesAreMovedToTheFixedVersion() {
        ADVISORIES.values().forEach(advisory -> {
            List<DemoHost> patched = FLEET.stream().map(host -> patch(host, advisory)).toList();
            assertThat(affectedHosts(advisory, patched)).as(advisory.id()).isEmpty();
        });
    }

    @Test
    void theLibwebpAdvisoriesHitOnlyWebFrontEnds() {
        for (String id : List.of("DSA-5497-1", "USN-6369-1")) {
            Set<String> groups = FLEET.stream()
                    .filter(host -> affectedHosts(ADVISORIES.get(id), List.of(host)).size() == 1)
                    .flatMap(host -> host.groups().stream()).collect(Collectors.toSet());
            assertThat(groups).as(id).containsExactly("web-frontends");
        }
    }

    @Test
    void theKevListedGlibcFlawHitsMostProductionDebianHosts() {
        long prodDebian = FLEET.stream()
                .filter(host -> host.os().equals("Debian:12") && host.environment().equals("prod")).count();
        long hit = affectedHosts(ADVISORIES.get("DSA-5514-1"), FLEET).stream()
                .filter(name -> name.contains("-prod-")).count();
        assertThat(hit).isGreaterThan(prodDebian / 2);
    }

    private static Set<String> affectedHosts(OsvAdvisory advisory, List<DemoHost> hosts) {
        return hosts.stream()
                .filter(host -> {
                    List<OsvAffected> entries = entriesFor(advisory, host);
                    return host.packages().stream().anyMatch(pkg -> affects(entries, host, pkg));
                })
                .map(DemoHost::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean appliesToHost(OsvAdvisory advisory, DemoHost host) {
        return !entriesFor(advisory, host).isEmpty();
    }

    /** The advisory's affected entries whose ecosystem and release are the host's. */
    private static List<OsvAffected> entriesFor(OsvAdvisory advisory, DemoHost host) {
        return advisory.affected().stream().filter(a -> Ecosystems.applies(a.ecosystem(), host.os())).toList();
    }

    private static boolean affects(List<OsvAffected> entries, DemoHost host, DemoPackage pkg) {
        boolean bySource = Ecosystems.namesSourcePackages(host.os());
        String name = bySource ? pkg.source() : pkg.name();
        String version = bySource ? pkg.sourceVersion() : pkg.version();
        return entries.stream()
                .filter(affected -> affected.name().equals(name))
                .anyMatch(affected -> RangeEvaluator.evaluate(version, affected).affected());
    }

    /** The host after installing the advisory's fix: each package it names moved to the fixed version. */
    private static DemoHost patch(DemoHost host, OsvAdvisory advisory) {
        boolean bySource = Ecosystems.namesSourcePackages(host.os());
        List<OsvAffected> entries = entriesFor(advisory, host);
        List<DemoPackage> packages = new ArrayList<>();
        for (DemoPackage pkg : host.packages()) {
            String name = bySource ? pkg.source() : pkg.name();
            String fixed = entries.stream()
                    .filter(affected -> affected.name().equals(name))
                    .map(DemoAdvisoryMatchTest::fixedVersion)
                    .findFirst().orElse(null);
            packages.add(fixed != null && affects(entries, host, pkg) ? pkg.withVersion(fixed, fixed) : pkg);
        }
        return new DemoHost(host.name(), host.os(), host.environment(), host.groups(), host.criticality(),
                host.internetFacing(), packages);
    }

    private static String fixedVersion(OsvAffected affected) {
        return affected.ranges().get(0).events().stream().filter(event -> OsvEvent.FIXED.equals(event.type()))
                .map(OsvEvent::version).findFirst().orElseThrow();
    }
}
