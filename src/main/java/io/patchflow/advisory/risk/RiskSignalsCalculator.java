package io.patchflow.advisory.risk;

import io.patchflow.advisory.RiskSignals;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.advisory.store.AdvisoryScore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Gathers what the priority policy needs for a set of advisories: the highest CVSS score (computed from the
 * vector, or given by the publishing database), the highest EPSS probability over every CVE id the advisories carry
 * (their ids and aliases), and whether any of those CVEs is in CISA KEV. Each figure says where it came from.
 */
@Component
public class RiskSignalsCalculator {

    private final AdvisoryReader advisories;
    private final RiskFeedStore feeds;

    RiskSignalsCalculator(AdvisoryReader advisories, RiskFeedStore feeds) {
        this.advisories = advisories;
        this.feeds = feeds;
    }

    public RiskSignals riskSignals(Collection<String> idsOrAliases) {
        Set<String> advisoryIds = new TreeSet<>();
        advisories.resolve(idsOrAliases).values().forEach(advisoryIds::addAll);
        Set<String> cveIds = new TreeSet<>();
        idsOrAliases.stream().filter(RiskSignalsCalculator::isCve).forEach(cveIds::add);
        advisoryIds.stream().filter(RiskSignalsCalculator::isCve).forEach(cveIds::add);
        advisories.aliasesOf(advisoryIds).values().forEach(aliases -> aliases.stream()
                .filter(RiskSignalsCalculator::isCve).forEach(cveIds::add));

        List<String> sources = new ArrayList<>();
        BigDecimal cvss = maxCvss(advisories.scores(advisoryIds), sources);
        BigDecimal epss = maxEpss(feeds.epss(cveIds), sources);
        List<RiskFeedStore.KevListing> kev = feeds.kevListings(cveIds);
        kev.forEach(k -> sources.add("KEV: " + k.cveId() + " in CISA KEV since " + k.dateAdded()
                + (k.dueDate() == null ? "" : ", due " + k.dueDate())));
        LocalDate due = kev.stream().map(RiskFeedStore.KevListing::dueDate).filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo).orElse(null);
        return new RiskSignals(cvss, epss, !kev.isEmpty(), List.copyOf(sources), due);
    }

    private static BigDecimal maxCvss(List<AdvisoryScore> scores, List<String> sources) {
        BigDecimal max = null;
        String source = null;
        for (AdvisoryScore score : scores) {
            if (score.cvssScore() != null && (max == null || score.cvssScore().compareTo(max) > 0)) {
                max = score.cvssScore();
                source = "CVSS " + max + ": " + score.advisoryId() + " " + score.cvssVector();
            }
            if (score.databaseScore() != null && (max == null || score.databaseScore().compareTo(max) > 0)) {
                max = score.databaseScore();
                source = "CVSS " + max + ": " + score.advisoryId() + " database_specific";
            }
        }
        if (source != null) {
            sources.add(source);
        }
        return max;
    }

    private static BigDecimal maxEpss(List<RiskFeedStore.Epss> scores, List<String> sources) {
        RiskFeedStore.Epss max = null;
        for (RiskFeedStore.Epss score : scores) {
            if (max == null || score.probability().compareTo(max.probability()) > 0) {
                max = score;
            }
        }
        if (max == null) {
            return null;
        }
        sources.add("EPSS " + max.probability().stripTrailingZeros().toPlainString() + ": " + max.cveId()
                + " on " + max.date() + (max.modelVersion() == null ? "" : " (model " + max.modelVersion() + ")"));
        return max.probability();
    }

    private static boolean isCve(String id) {
        return id.startsWith("CVE-");
    }
}
