package io.patchflow.advisory.assessment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.patchflow.advisory.AssessmentCompleted;
import io.patchflow.advisory.Finding;
import io.patchflow.advisory.PriorityPolicy;
import io.patchflow.advisory.matching.FleetMatcher;
import io.patchflow.advisory.matching.MatchResult;
import io.patchflow.advisory.store.AdvisoryReader;
import io.patchflow.audit.AuditRecord;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import io.patchflow.shared.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a whole-fleet assessment and keeps its findings: match, give each finding its priority and SLA, then stage
 * and merge them set-based (first/last seen, new, still open, resolved). One transaction: an assessment is stored
 * whole, with whatever its listeners (proposed changes) decide, or not at all.
 */
@Service
class AssessmentService {

    private static final Logger log = LoggerFactory.getLogger(AssessmentService.class);

    private final FleetMatcher matcher;
    private final FindingRepository findings;
    private final FindingStage stage;
    private final FindingMerge merge;
    private final AdvisoryRiskReader risks;
    private final PriorityPolicy policy;
    private final Fleet fleet;
    private final AdvisoryReader advisories;
    private final ApplicationEventPublisher events;
    private final Timer duration;

    AssessmentService(FleetMatcher matcher, FindingRepository findings, FindingStage stage, FindingMerge merge,
            AdvisoryRiskReader risks, PriorityPolicy policy, Fleet fleet, AdvisoryReader advisories,
            ApplicationEventPublisher events, MeterRegistry metrics) {
        // patchflow_assessment_duration_seconds (docs/operations.md); a histogram so Grafana can draw the p95.
        this.duration = Timer.builder("patchflow.assessment.duration")
                .description("How long an assessment of the whole fleet takes")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(30)).register(metrics);
        this.matcher = matcher;
        this.findings = findings;
        this.stage = stage;
        this.merge = merge;
        this.risks = risks;
        this.policy = policy;
        this.fleet = fleet;
        this.advisories = advisories;
        this.events = events;
    }

    @Transactional
    AssessmentResult assess(String requestedBy) {
        return duration.record(() -> assessNow(requestedBy));
    }

    private AssessmentResult assessNow(String requestedBy) {
        findings.lockAssessments();
        // Truncated to what the database keeps, so that the answer and the stored first/last seen agree exactly.
        Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        long id = findings.insertAssessment(started, requestedBy);

        MatchResult result = matcher.match(List.of(), List.of());
        long matched = System.nanoTime();

        PriorityPolicy.Rules rules = policy.current();
        Map<String, HostView> hosts = fleet.allHosts().stream()
                .collect(Collectors.toMap(HostView::name, Function.identity(), (a, b) -> a));
        FindingPrioritiser prioritiser = new FindingPrioritiser(rules, risks.all(), hosts);
        List<StageRow> rows = result.findings().stream().map(prioritiser::prioritise).toList();
        long prioritised = System.nanoTime();

        long staged = stage.fill(id, rows.iterator());
        FindingMerge.Outcome outcome = merge.merge(id, started, staged);
        stage.clear(id);
        long written = System.nanoTime();

        AssessmentResult assessment = new AssessmentResult(id, result.hosts(), result.packages(), rows.size(),
                millis(start, written), outcome.newFindings(), outcome.stillOpen(), outcome.resolved(),
                millis(start, matched), millis(matched, prioritised), millis(prioritised, written), started,
                Instant.now().truncatedTo(ChronoUnit.MICROS), requestedBy, rules.version());
        findings.complete(assessment);
        log.info("Assessment {}: {} findings ({} new, {} still open, {} resolved); match {} ms, priority {} ms "
                + "({} distinct policy inputs), write {} ms", id, rows.size(), outcome.newFindings(),
                outcome.stillOpen(), outcome.resolved(), assessment.matchMillis(), assessment.priorityMillis(),
                prioritiser.distinctInputs(), assessment.writeMillis());
        events.publishEvent(audit(assessment, prioritiser.distinctInputs()));
        events.publishEvent(new AssessmentCompleted(id, requestedBy, assessment.completedAt(), rows.size(),
                outcome.newFindings(), outcome.stillOpen(), outcome.resolved()));
        return assessment;
    }

    @Transactional(readOnly = true)
    AssessmentResult assessment(long id) {
        return findings.assessment(id).orElseThrow(() -> new NotFoundException("No assessment " + id));
    }

    @Transactional(readOnly = true)
    List<AssessmentResult> assessments(int page, int size) {
        return findings.assessments(page, size);
    }

    @Transactional(readOnly = true)
    long countAssessments() {
        return findings.countAssessments();
    }

    @Transactional(readOnly = true)
    List<Finding> page(FindingQuery query, int page, int size) {
        List<FindingRepository.StoredFinding> rows = findings.page(query, page, size);
        Map<String, List<String>> aliases = advisories.aliasesOf(rows.stream()
                .map(FindingRepository.StoredFinding::advisory).distinct().toList());
        return rows.stream().map(f -> new Finding(f.host(), f.ecosystem(), f.packageName(), f.installedVersion(),
                f.advisory(), List.copyOf(aliases.getOrDefault(f.advisory(), List.of())), f.fixedVersion(),
                f.status(), f.reason(), f.priority(), f.slaDue(), f.firstSeen(), f.lastSeen(), f.resolvedAt()))
                .toList();
    }

    @Transactional(readOnly = true)
    long count(FindingQuery query) {
        return findings.count(query);
    }

    private static AuditRecord audit(AssessmentResult a, int distinctInputs) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("assessment", a.id());
        outcome.put("hosts", a.hosts());
        outcome.put("packages", a.packages());
        outcome.put("findings", a.findings());
        outcome.put("new", a.newFindings());
        outcome.put("stillOpen", a.stillOpen());
        outcome.put("resolved", a.resolved());
        outcome.put("durationMillis", a.durationMillis());
        return new AuditRecord(null, "assessment.completed", a.requestedBy(), "Assessment " + a.id() + ": "
                + a.findings() + " findings, " + a.newFindings() + " new, " + a.resolved() + " resolved", null,
                Map.of("priorityPolicy", a.priorityPolicy(), "distinctPolicyInputs", distinctInputs), outcome);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
