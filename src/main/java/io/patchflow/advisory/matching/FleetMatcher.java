package io.patchflow.advisory.matching;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.advisory.version.Ecosystems;
import io.patchflow.inventory.DistinctPackage;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.PackageKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Matches the fleet against advisories at fleet scale: the database groups installed packages into distinct
 * (ecosystem, name, version) tuples, each tuple is evaluated once in memory ({@link MatchIndex}), and only the
 * vulnerable tuples are joined back to their hosts in the database. Ten million installed packages never travel
 * through Java; the findings do. Debian and Ubuntu advisories name source packages, so there the source name and
 * version are grouped and matched, and the finding names the source package: its binaries on one host make one
 * finding.
 */
@Component
public class FleetMatcher {

    static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::host)
            .thenComparing(Finding::packageName).thenComparing(Finding::ecosystem)
            .thenComparing(Finding::installedVersion).thenComparing(Finding::advisory);

    private static final Logger LOG = LoggerFactory.getLogger(FleetMatcher.class);

    private final AdvisoryReader advisories;
    private final Fleet fleet;

    FleetMatcher(AdvisoryReader advisories, Fleet fleet) {
        this.advisories = advisories;
        this.fleet = fleet;
    }

    /** Matches the given hosts (all when empty) against the given advisory ids (all when empty). */
    public MatchResult match(Collection<String> advisoryIds, Collection<String> hosts) {
        long start = System.nanoTime();
        int hostCount = hosts.isEmpty() ? fleet.allHosts().size() : fleet.hosts(hosts).size();
        MatchIndex index = new MatchIndex(advisories.affectedOf(advisoryIds));
        long indexed = System.nanoTime();
        long grouping = 0;
        long evaluating = 0;
        long joining = 0;
        int tuples = 0;
        int vulnerableTuples = 0;
        if (index.ecosystems().isEmpty() || hostCount == 0) {
            return new MatchResult(List.of(), hostCount, 0);
        }
        long packages = 0;
        List<Finding> findings = new ArrayList<>();
        for (PackageKey key : PackageKey.values()) {
            List<String> ecosystems = index.ecosystems().stream()
                    .filter(e -> Ecosystems.namesSourcePackages(e) == (key == PackageKey.SOURCE)).toList();
            if (ecosystems.isEmpty()) {
                continue;
            }
            long t0 = System.nanoTime();
            List<DistinctPackage> distinct = fleet.distinctPackages(hosts, ecosystems, key);
            long t1 = System.nanoTime();
            List<DistinctPackage> vulnerable = new ArrayList<>();
            List<List<MatchHit>> hitsOf = new ArrayList<>();
            for (DistinctPackage tuple : distinct) {
                packages += tuple.installations();
                List<MatchHit> hits = index.hits(tuple.ecosystem(), tuple.name(), tuple.version());
                if (!hits.isEmpty()) {
                    vulnerable.add(tuple);
                    hitsOf.add(hits);
                }
            }
            Map<String, List<String>> aliases = aliases(hitsOf);
            long t2 = System.nanoTime();
            fleet.hostsWith(hosts, vulnerable, key, (host, i) -> {
                DistinctPackage tuple = vulnerable.get(i);
                for (MatchHit hit : hitsOf.get(i)) {
                    findings.add(Finding.matched(host, tuple.ecosystem(), tuple.name(), tuple.version(),
                            hit.advisoryId(), aliases.get(hit.advisoryId()), hit.fixedVersion(), hit.noFixReason()));
                }
            });
            grouping += t1 - t0;
            evaluating += t2 - t1;
            joining += System.nanoTime() - t2;
            tuples += distinct.size();
            vulnerableTuples += vulnerable.size();
        }
        findings.sort(FINDING_ORDER);
        if (LOG.isInfoEnabled()) {
            LOG.info("Matched {} hosts, {} packages, {} distinct tuples ({} vulnerable): {} findings in {} ms "
                    + "(advisories read {} ms, tuples grouped in SQL {} ms, evaluated {} ms, joined back {} ms)",
                    hostCount, packages, tuples, vulnerableTuples, findings.size(), millis(System.nanoTime() - start),
                    millis(indexed - start), millis(grouping), millis(evaluating), millis(joining));
        }
        return new MatchResult(findings, hostCount, Math.toIntExact(packages));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Aliases per advisory, read once and shared by all its findings. */
    private Map<String, List<String>> aliases(List<List<MatchHit>> hitsOf) {
        Set<String> ids = new TreeSet<>();
        hitsOf.forEach(hits -> hits.forEach(hit -> ids.add(hit.advisoryId())));
        Map<String, List<String>> stored = advisories.aliasesOf(ids);
        Map<String, List<String>> result = new HashMap<>();
        ids.forEach(id -> result.put(id, List.copyOf(stored.getOrDefault(id, List.of()))));
        return result;
    }
}
