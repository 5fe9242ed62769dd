package io.patchflow.advisory.matching;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.advisory.store.StoredAffected;
import io.patchflow.advisory.version.Ecosystems;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostPackage;
import io.patchflow.inventory.InstalledPackage;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Matches installed packages against advisories with two reads (affected entries, then the packages of the
 * ecosystems those concern) and an in-memory index, never a query per host or per package. Debian and Ubuntu
 * advisories name source packages, so there the source name and version are matched, and the finding names the
 * source package: its binaries on one host make one finding.
 */
@Component
public class FleetMatcher {

    private final AdvisoryReader advisories;
    private final Fleet fleet;

    FleetMatcher(AdvisoryReader advisories, Fleet fleet) {
        this.advisories = advisories;
        this.fleet = fleet;
    }

    /** Matches the given hosts (all when empty) against the given advisory ids (all when empty). */
    public MatchResult match(Collection<String> advisoryIds, Collection<String> hosts) {
        int hostCount = hosts.isEmpty() ? fleet.allHosts().size() : fleet.hosts(hosts).size();
        AffectedIndex index = new AffectedIndex(advisories.affectedOf(advisoryIds));
        if (index.ecosystems().isEmpty()) {
            return new MatchResult(List.of(), hostCount, 0);
        }
        List<HostPackage> packages = fleet.installedPackages(hosts, index.ecosystems());
        Map<FindingKey, String> fixes = new LinkedHashMap<>();
        for (HostPackage hp : packages) {
            InstalledPackage pkg = hp.pkg();
            boolean bySource = Ecosystems.namesSourcePackages(pkg.ecosystem());
            String name = bySource ? pkg.source() : pkg.name();
            String version = bySource ? pkg.sourceVersion() : pkg.version();
            for (StoredAffected candidate : index.candidates(pkg.ecosystem(), name)) {
                RangeEvaluator.Verdict verdict = RangeEvaluator.evaluate(version, candidate.affected());
                if (verdict.affected()) {
                    FindingKey key = new FindingKey(hp.host(), pkg.ecosystem(), name, version,
                            candidate.advisoryId());
                    fixes.merge(key, nullToEmpty(verdict.fixedVersion()),
                            (a, b) -> lower(a, b, pkg.ecosystem()));
                }
            }
        }
        return new MatchResult(findings(fixes), hostCount, packages.size());
    }

    private record FindingKey(String host, String ecosystem, String packageName, String version, String advisory) {
    }

    private List<Finding> findings(Map<FindingKey, String> fixes) {
        Map<String, List<String>> aliases = advisories.aliasesOf(fixes.keySet().stream().map(FindingKey::advisory)
                .distinct().toList());
        return fixes.entrySet().stream()
                .map(e -> {
                    FindingKey k = e.getKey();
                    String fixed = e.getValue().isEmpty() ? null : e.getValue();
                    return Finding.matched(k.host(), k.ecosystem(), k.packageName(), k.version(), k.advisory(),
                            List.copyOf(aliases.getOrDefault(k.advisory(), List.of())), fixed, null);
                })
                .sorted(Comparator.comparing(Finding::host).thenComparing(Finding::packageName)
                        .thenComparing(Finding::advisory))
                .toList();
    }

    /** The lower of two fixed versions; "" (no fix known) loses to any real one. */
    private static String lower(String a, String b, String ecosystem) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        return io.patchflow.advisory.version.VersionComparators.forEcosystem(ecosystem).compare(a, b) <= 0 ? a : b;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
