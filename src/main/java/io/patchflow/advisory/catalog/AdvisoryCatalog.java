package io.patchflow.advisory.catalog;

import io.patchflow.advisory.Advisories;
import io.patchflow.advisory.AdvisoryView;
import io.patchflow.advisory.Finding;
import io.patchflow.advisory.RiskSignals;
import io.patchflow.advisory.matching.FleetMatcher;
import io.patchflow.advisory.risk.RiskSignalsCalculator;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.advisory.version.VersionComparators;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The advisory module's API for other modules: look-ups, risk signals, and matching without storing. */
@Service
@Transactional(readOnly = true)
class AdvisoryCatalog implements Advisories {

    private final AdvisoryReader reader;
    private final RiskSignalsCalculator risk;
    private final FleetMatcher matcher;

    AdvisoryCatalog(AdvisoryReader reader, RiskSignalsCalculator risk, FleetMatcher matcher) {
        this.reader = reader;
        this.risk = risk;
        this.matcher = matcher;
    }

    @Override
    public java.util.Optional<AdvisoryView> advisory(String id) {
        return reader.view(id);
    }

    @Override
    public List<String> unknown(Collection<String> idsOrAliases) {
        Map<String, Set<String>> known = reader.resolve(idsOrAliases);
        return idsOrAliases.stream().distinct().filter(id -> !known.containsKey(id)).toList();
    }

    @Override
    public RiskSignals riskSignals(Collection<String> advisoryIds) {
        return risk.riskSignals(advisoryIds);
    }

    @Override
    public int compareVersions(String ecosystem, String a, String b) {
        return VersionComparators.forEcosystem(ecosystem).compare(a, b);
    }

    /**
     * Advisory ids may also be aliases (a CVE id matches every advisory that carries it); when ids are given but
     * none is known, nothing matches. Empty ids mean all advisories.
     */
    @Override
    public List<Finding> match(Collection<String> advisoryIds, Collection<String> hosts) {
        if (advisoryIds.isEmpty()) {
            return matcher.match(List.of(), hosts).findings();
        }
        Set<String> resolved = new TreeSet<>();
        reader.resolve(advisoryIds).values().forEach(resolved::addAll);
        return resolved.isEmpty() ? List.of() : matcher.match(resolved, hosts).findings();
    }
}
