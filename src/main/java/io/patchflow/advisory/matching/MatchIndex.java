package io.patchflow.advisory.matching;

import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.store.StoredAffected;
import io.patchflow.advisory.version.Ecosystems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The matching core shared by the database path ({@link FleetMatcher}) and the offline CLI: affected entries indexed
 * by (ecosystem without release, package name as the ecosystem compares names), and the verdicts for one distinct
 * installed (ecosystem, name, version), computed once and remembered. A fleet repeats the same few thousand tuples
 * on every host, so the range evaluation runs per tuple, never per host package. Spring-free; not thread-safe.
 *
 * <p>The name and version given are those the advisories speak of: the source package and source version for
 * ecosystems whose advisories name source packages (Debian, Ubuntu; see {@link Ecosystems#namesSourcePackages}).
 */
public final class MatchIndex {

    private record Key(String ecosystem, String name) {
    }

    private record Tuple(String ecosystem, String name, String version) {
    }

    private final Map<Key, List<StoredAffected>> entries = new HashMap<>();
    private final Set<String> ecosystems = new TreeSet<>();
    private final Map<Tuple, List<MatchHit>> verdicts = new HashMap<>();
    private final Map<Tuple, Map<String, List<OsvAffected>>> byAdvisory = new HashMap<>();

    public MatchIndex(Collection<StoredAffected> affected) {
        for (StoredAffected entry : affected) {
            if (entry.affected().ecosystem() == null || entry.affected().name() == null) {
                continue;
            }
            String base = Ecosystems.base(Ecosystems.normalize(entry.affected().ecosystem()));
            ecosystems.add(base);
            entries.computeIfAbsent(new Key(base, Ecosystems.normalizeName(base, entry.affected().name())),
                    k -> new ArrayList<>()).add(entry);
        }
    }

    /** The ecosystems (without release) the indexed advisories concern. */
    public Set<String> ecosystems() {
        return ecosystems;
    }

    /** Whether any advisory names this package in this ecosystem (at any version): a cheap pre-filter. */
    public boolean names(String ecosystem, String name) {
        String base = Ecosystems.base(ecosystem);
        return entries.containsKey(new Key(base, Ecosystems.normalizeName(base, name)));
    }

    /** The advisories affecting this installed version, one hit per advisory, in advisory id order. */
    public List<MatchHit> hits(String ecosystem, String name, String version) {
        return verdicts.computeIfAbsent(new Tuple(ecosystem, name, version), this::evaluate);
    }

    private List<MatchHit> evaluate(Tuple tuple) {
        Map<String, List<OsvAffected>> candidates = byAdvisory.computeIfAbsent(
                new Tuple(tuple.ecosystem(), tuple.name(), null), this::candidates);
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<MatchHit> hits = new ArrayList<>(1);
        candidates.forEach((advisory, affected) -> {
            RangeEvaluator.Verdict verdict = RangeEvaluator.evaluate(tuple.version(), affected);
            if (verdict.affected()) {
                hits.add(new MatchHit(advisory, verdict.fixedVersion(), verdict.noFixReason()));
            }
        });
        return hits.isEmpty() ? List.of() : List.copyOf(hits);
    }

    /** The entries naming this package whose ecosystem and release apply to the package's, by advisory. */
    private Map<String, List<OsvAffected>> candidates(Tuple packageKey) {
        String base = Ecosystems.base(packageKey.ecosystem());
        List<StoredAffected> named = entries.get(new Key(base, Ecosystems.normalizeName(base, packageKey.name())));
        if (named == null) {
            return Map.of();
        }
        Map<String, List<OsvAffected>> result = new LinkedHashMap<>();
        named.stream().filter(e -> Ecosystems.applies(e.affected().ecosystem(), packageKey.ecosystem()))
                .sorted(java.util.Comparator.comparing(StoredAffected::advisoryId))
                .forEach(e -> result.computeIfAbsent(e.advisoryId(), k -> new ArrayList<>()).add(e.affected()));
        return result;
    }
}
