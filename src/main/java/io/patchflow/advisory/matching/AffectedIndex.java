package io.patchflow.advisory.matching;

import io.patchflow.advisory.store.StoredAffected;
import io.patchflow.advisory.version.Ecosystems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Affected entries by (ecosystem without release, package name as the ecosystem compares names), so each installed
 * package is looked up once instead of being compared with every advisory.
 */
final class AffectedIndex {

    private record Key(String ecosystem, String name) {
    }

    private final Map<Key, List<StoredAffected>> entries = new HashMap<>();
    private final Set<String> ecosystems = new TreeSet<>();

    AffectedIndex(List<StoredAffected> affected) {
        for (StoredAffected entry : affected) {
            String ecosystem = Ecosystems.normalize(entry.affected().ecosystem());
            String base = Ecosystems.base(ecosystem);
            ecosystems.add(base);
            entries.computeIfAbsent(new Key(base, Ecosystems.normalizeName(base, entry.affected().name())),
                    k -> new ArrayList<>()).add(entry);
        }
    }

    /** The ecosystems (without release) the indexed advisories concern. */
    Set<String> ecosystems() {
        return ecosystems;
    }

    /** The entries naming this package whose ecosystem and release apply to the package's. */
    List<StoredAffected> candidates(String packageEcosystem, String packageName) {
        String base = Ecosystems.base(packageEcosystem);
        List<StoredAffected> named = entries.get(new Key(base, Ecosystems.normalizeName(base, packageName)));
        if (named == null) {
            return List.of();
        }
        return named.stream().filter(e -> Ecosystems.applies(e.affected().ecosystem(), packageEcosystem)).toList();
    }
}
