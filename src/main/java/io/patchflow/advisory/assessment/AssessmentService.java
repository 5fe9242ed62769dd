package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.matching.FleetMatcher;
import io.patchflow.advisory.matching.MatchResult;
import io.patchflow.advisory.store.AdvisoryReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs a whole-fleet assessment and serves the stored findings. */
@Service
class AssessmentService {

    private final FleetMatcher matcher;
    private final FindingRepository findings;
    private final AdvisoryReader advisories;

    AssessmentService(FleetMatcher matcher, FindingRepository findings, AdvisoryReader advisories) {
        this.matcher = matcher;
        this.findings = findings;
        this.advisories = advisories;
    }

    /** Matches every host against every advisory and replaces the stored findings with the result. */
    @Transactional
    AssessmentResult assess(String requestedBy) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        MatchResult result = matcher.match(List.of(), List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long id = findings.insertAssessment(started, millis, result.hosts(), result.packages(),
                result.findings().size(), requestedBy);
        findings.replaceFindings(id, result.findings());
        return new AssessmentResult(id, result.hosts(), result.packages(), result.findings().size(), millis);
    }

    @Transactional(readOnly = true)
    List<Finding> page(String host, String advisory, String status, int page, int size) {
        List<FindingRepository.StoredFinding> rows = findings.page(host, advisory, status, page, size);
        Map<String, List<String>> aliases = advisories.aliasesOf(rows.stream()
                .map(FindingRepository.StoredFinding::advisory).distinct().toList());
        return rows.stream().map(f -> new Finding(f.host(), f.ecosystem(), f.packageName(), f.installedVersion(),
                f.advisory(), List.copyOf(aliases.getOrDefault(f.advisory(), List.of())), f.fixedVersion(),
                f.status(), null, null, null, null, null)).toList();
    }

    @Transactional(readOnly = true)
    long count(String host, String advisory, String status) {
        return findings.count(host, advisory, status);
    }
}
