package io.patchflow.advisory.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.AdvisoryMatch;
import io.patchflow.advisory.Finding;
import io.patchflow.advisory.Fixtures;
import io.patchflow.advisory.OfflineAdvisories;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.PackageInput;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database path (distinct tuples grouped by PostgreSQL, vulnerable ones joined back to hosts in SQL) gives
 * exactly the findings of the in-memory path the CLI uses, on the same hosts and the same OSV records.
 */
class FleetMatcherIntegrationTest extends PostgresIntegrationTest {

    private static final String[] GHSA = {"ghsa-full_ranges.osv.json", "ghsa-maven_greater_than.osv.json",
        "ghsa-npm_greater_than.osv.json", "ghsa-pypi_normalize.osv.json", "ghsa-multiple_ranges_in_package.osv.json"};

    @Autowired
    FleetMatcher matcher;
    @Autowired
    InventoryImport inventory;
    @Autowired
    AdvisoryImport advisoryImport;

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final Random random = new Random(run.hashCode());

    /** Debian advisories on this run's own source packages: fixed, no fix, release-specific, last_affected. */
    private String debianAdvisories() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            String events = switch (i % 4) {
                case 0 -> "{\"introduced\":\"0\"},{\"fixed\":\"1." + (i % 3 + 1) + "-2\"}";
                case 1 -> "{\"introduced\":\"1.1-1\"}";
                case 2 -> "{\"introduced\":\"0\"},{\"last_affected\":\"1.2-1\"}";
                default -> "{\"introduced\":\"0\"},{\"fixed\":\"1:0.1-1\"},{\"introduced\":\"1:0.5\"}";
            };
            json.append(i == 0 ? "" : ",").append("""
                    {"id":"PF-%s-%d","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2099-%s%d"],
                     "affected":[{"package":{"ecosystem":"%s","name":"src%d-%s"},
                       "ranges":[{"type":"ECOSYSTEM","events":[%s]}]}]}"""
                    .formatted(run, i, run, i, i % 5 == 4 ? "Debian:11" : i % 3 == 0 ? "Debian" : "Debian:12",
                            i % 6, run, events));
        }
        return json.append(']').toString();
    }

    /** Hosts of this run: Debian binaries from this run's sources in several versions, and language packages. */
    private List<HostInput> hosts() {
        String[] versions = {"1.0-1", "1.1-1", "1.2-1", "1.2-2", "1.3-1", "1:0.2-1", "1:0.6-1"};
        List<HostInput> hosts = new ArrayList<>();
        for (int h = 0; h < 25; h++) {
            List<PackageInput> packages = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                String version = versions[random.nextInt(versions.length)];
                packages.add(new PackageInput("lib" + s + "-" + run, version, "src" + s + "-" + run, null, "amd64",
                        null, null));
                packages.add(new PackageInput("bin" + s + "-" + run, version + "+b1", "src" + s + "-" + run, version,
                        "amd64", null, null));
            }
            packages.add(new PackageInput("jquery", h % 2 == 0 ? "2.2.4" : "3.0.0", null, null, null, "npm", null));
            packages.add(new PackageInput("org.xwiki.commons:xwiki-commons-core", h % 3 == 0 ? "12.10.1" : "11.10.12",
                    null, null, null, "Maven", null));
            packages.add(new PackageInput("Products.PluggableAuthService", "2.5", null, null, null, "PyPI", null));
            hosts.add(new HostInput("fm-" + run + "-" + h, h % 4 == 0 ? "Debian:11" : "Debian:12", "prod",
                    List.of(), "low", false, packages));
        }
        return hosts;
    }

    /** What the CLI's in-memory path finds for the same hosts and advisories. */
    private List<Finding> offline(List<HostInput> hosts, Path osv) throws IOException {
        OfflineAdvisories advisories = OfflineAdvisories.load(osv);
        List<Finding> findings = new ArrayList<>();
        for (HostInput host : hosts) {
            Set<List<String>> tuples = new LinkedHashSet<>();
            for (PackageInput p : host.packages()) {
                String ecosystem = p.ecosystem() == null ? host.os() : p.ecosystem();
                boolean bySource = OfflineAdvisories.namesSourcePackages(ecosystem);
                tuples.add(List.of(ecosystem, bySource && p.source() != null ? p.source() : p.name(),
                        bySource && p.sourceVersion() != null ? p.sourceVersion() : p.version()));
            }
            for (List<String> t : tuples) {
                for (AdvisoryMatch m : advisories.matches(t.get(0), t.get(1), t.get(2))) {
                    findings.add(Finding.matched(host.name(), t.get(0), t.get(1), t.get(2), m.advisoryId(),
                            m.aliases(), m.fixedVersion(), m.noFixReason()));
                }
            }
        }
        findings.sort(FleetMatcher.FINDING_ORDER);
        return findings;
    }

    @Test
    void theDatabasePathFindsExactlyWhatTheInMemoryPathFinds() throws IOException {
        List<HostInput> hosts = hosts();
        inventory.importHosts(hosts);
        String debian = debianAdvisories();
        advisoryImport.importOsv(new ByteArrayInputStream(debian.getBytes(StandardCharsets.UTF_8)));
        Path osv = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(osv.resolve("debian.json"), debian);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("PF-" + run + "-" + i);
        }
        for (String name : GHSA) {
            advisoryImport.importOsv(Files.newInputStream(Fixtures.path("osv/" + name)));
            Files.createSymbolicLink(osv.resolve(name), Fixtures.path("osv/" + name).toAbsolutePath());
        }
        ids.addAll(List.of("GHSA-mr95-9rr4-668f", "GHSA-76mp-659p-rw65", "GHSA-mhpp-875w-9cpv",
                "GHSA-p44j-xrqg-4xrr", "GHSA-9qj7-jvg4-qr2x"));
        List<String> names = hosts.stream().map(HostInput::name).toList();

        MatchResult result = matcher.match(ids, names);

        List<Finding> expected = offline(hosts, osv);
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(expected).anyMatch(f -> f.status().equals(Finding.NO_FIX));
        assertThat(result.findings()).containsExactlyElementsOf(expected);
        assertThat(result.hosts()).isEqualTo(25);
        assertThat(result.packages()).isEqualTo(25 * 15);
    }

    @Test
    void matchingAllHostsAndAllAdvisoriesFindsThisRunsFindingsToo() throws IOException {
        List<HostInput> hosts = hosts().subList(0, 5);
        inventory.importHosts(hosts);
        String debian = debianAdvisories();
        advisoryImport.importOsv(new ByteArrayInputStream(debian.getBytes(StandardCharsets.UTF_8)));
        Path osv = Files.writeString(dir.resolve("debian.json"), debian);

        List<Finding> all = matcher.match(List.of(), List.of()).findings();

        List<Finding> expected = offline(hosts, osv).stream().filter(f -> f.advisory().startsWith("PF-" + run))
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(all.stream().filter(f -> f.advisory().startsWith("PF-" + run)).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aHostFilterKeepsOtherHostsOut() {
        List<HostInput> hosts = hosts().subList(0, 4);
        inventory.importHosts(hosts);
        advisoryImport.importOsv(new ByteArrayInputStream(debianAdvisories().getBytes(StandardCharsets.UTF_8)));
        String one = hosts.get(1).name();

        MatchResult result = matcher.match(List.of(), List.of(one, "no-such-host-" + run));

        assertThat(result.hosts()).isEqualTo(1);
        assertThat(result.findings()).isNotEmpty().allMatch(f -> f.host().equals(one));
        assertThat(matcher.match(List.of(), List.of("no-such-host-" + run)).findings()).isEmpty();
    }
}
