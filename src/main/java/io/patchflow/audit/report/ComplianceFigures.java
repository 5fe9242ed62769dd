package io.patchflow.audit.report;

import io.patchflow.audit.report.ComplianceReport.Compliance;
import io.patchflow.audit.report.ComplianceReport.LateApproval;
import io.patchflow.audit.report.ComplianceReport.MissingReview;
import io.patchflow.audit.report.ComplianceReport.OpenAcceptance;
import io.patchflow.audit.report.ComplianceReport.OverdueFinding;
import io.patchflow.audit.report.ComplianceReport.PriorityFigures;
import io.patchflow.audit.report.ReportFacts.DecisionFact;
import io.patchflow.audit.report.ReportFacts.FindingFact;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Computes a {@link ComplianceReport} from facts; a pure function, so the figures can be checked by hand. */
final class ComplianceFigures {

    static final String PRODUCTION = "production";
    private static final double SECONDS_PER_DAY = 86_400d;

    private ComplianceFigures() {
    }

    static ComplianceReport compute(ReportFacts facts, Instant asOf, String hostPrefix) {
        LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        // Findings opened after the moment looked at did not exist then; those resolved later were still open.
        List<FindingFact> findings = facts.findings().stream().filter(f -> !f.openedAt().isAfter(asOf))
                .map(f -> f.resolvedAt() != null && f.resolvedAt().isAfter(asOf) ? reopened(f) : f).toList();
        Map<String, List<FindingFact>> byPriority = findings.stream().filter(f -> f.priority() != null)
                .collect(Collectors.groupingBy(FindingFact::priority, TreeMap::new, Collectors.toList()));
        List<PriorityFigures> priorities = byPriority.entrySet().stream()
                .map(e -> priority(e.getKey(), e.getValue(), asOf, today)).toList();
        return new ComplianceReport(asOf, hostPrefix, priorities,
                compliance(findings, FindingFact::slaDue, today),
                compliance(findings.stream().filter(FindingFact::inKev).toList(), FindingFact::kevDue, today),
                overdue(findings, today), acceptances(facts, asOf, today), lateApprovals(facts, asOf),
                missingReviews(facts, asOf));
    }

    private static PriorityFigures priority(String priority, List<FindingFact> findings, Instant asOf,
            LocalDate today) {
        List<FindingFact> patched = findings.stream().filter(f -> f.resolvedAt() != null).toList();
        List<FindingFact> open = findings.stream().filter(f -> f.resolvedAt() == null).toList();
        return new PriorityFigures(priority, patched.size(),
                averageDays(patched.stream().map(f -> Duration.between(f.openedAt(), f.resolvedAt())).toList()),
                open.size(), averageDays(open.stream().map(f -> Duration.between(f.openedAt(), asOf)).toList()),
                compliance(findings, FindingFact::slaDue, today));
    }

    /**
     * Requiring: findings with a due date that were resolved or whose due date has passed. Compliant: resolved on
     * or before the due date (UTC).
     */
    static Compliance compliance(List<FindingFact> findings, Function<FindingFact, LocalDate> due, LocalDate today) {
        Predicate<FindingFact> requiring = f -> due.apply(f) != null
                && (f.resolvedAt() != null || due.apply(f).isBefore(today));
        List<FindingFact> required = findings.stream().filter(requiring).toList();
        long compliant = required.stream().filter(f -> f.resolvedAt() != null
                && !LocalDate.ofInstant(f.resolvedAt(), ZoneOffset.UTC).isAfter(due.apply(f))).count();
        Double rate = required.isEmpty() ? null : round(compliant / (double) required.size(), 4);
        return new Compliance(required.size(), (int) compliant, rate);
    }

    private static List<OverdueFinding> overdue(List<FindingFact> findings, LocalDate today) {
        return findings.stream()
                .filter(f -> f.resolvedAt() == null && (isPast(f.slaDue(), today) || f.inKev() && isPast(f.kevDue(), today)))
                .map(f -> new OverdueFinding(f.host(), f.packageName(), f.advisory(), f.priority(), f.slaDue(),
                        ChronoUnit.DAYS.between(earliest(f.slaDue(), f.inKev() ? f.kevDue() : null), today),
                        f.inKev(), f.kevDue()))
                .sorted(Comparator.comparingLong(OverdueFinding::daysOverdue).reversed()
                        .thenComparing(OverdueFinding::host))
                .toList();
    }

    private static List<OpenAcceptance> acceptances(ReportFacts facts, Instant asOf, LocalDate today) {
        return facts.acceptances().stream()
                .filter(a -> !a.acceptedAt().isAfter(asOf) && !a.expiresOn().isBefore(today))
                .map(a -> new OpenAcceptance(a.changeId(), a.acceptedBy(), a.justification(), a.acceptedAt(),
                        a.expiresOn(), ChronoUnit.DAYS.between(today, a.expiresOn()),
                        Arrays.stream(a.hosts().split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList()))
                .sorted(Comparator.comparing(OpenAcceptance::expiresOn))
                .toList();
    }

    private static List<LateApproval> lateApprovals(ReportFacts facts, Instant asOf) {
        Map<String, DecisionFact> implemented = implementations(facts, asOf);
        return decisions(facts, asOf).stream()
                .filter(d -> d.kind().startsWith("approval."))
                .filter(d -> implemented.containsKey(d.changeId()) && d.seq() > implemented.get(d.changeId()).seq())
                .map(d -> new LateApproval(d.changeId(), d.kind(), d.actor(), d.at(), implemented.get(d.changeId()).at()))
                .toList();
    }

    private static List<MissingReview> missingReviews(ReportFacts facts, Instant asOf) {
        Map<String, DecisionFact> implemented = implementations(facts, asOf);
        Map<String, Boolean> reviewed = new HashMap<>();
        decisions(facts, asOf).stream().filter(d -> d.kind().equals("closure.review"))
                .forEach(d -> reviewed.put(d.changeId(), true));
        return facts.changes().stream()
                .filter(c -> "emergency".equals(c.changeType()) && implemented.containsKey(c.id())
                        && !reviewed.containsKey(c.id()))
                .map(c -> new MissingReview(c.id(), c.title(), c.state(), implemented.get(c.id()).at()))
                .toList();
    }

    /** The first production rollout of each change: where implementation began. */
    private static Map<String, DecisionFact> implementations(ReportFacts facts, Instant asOf) {
        Map<String, DecisionFact> first = new HashMap<>();
        decisions(facts, asOf).stream()
                .filter(d -> d.kind().equals("rollout.planned") && PRODUCTION.equals(d.stage()))
                .forEach(d -> first.merge(d.changeId(), d, (a, b) -> a.seq() <= b.seq() ? a : b));
        return first;
    }

    private static List<DecisionFact> decisions(ReportFacts facts, Instant asOf) {
        return facts.decisions().stream().filter(d -> !d.at().isAfter(asOf)).toList();
    }

    private static FindingFact reopened(FindingFact f) {
        return new FindingFact(f.host(), f.packageName(), f.advisory(), f.priority(), f.openedAt(), null, f.slaDue(),
                f.inKev(), f.kevDue());
    }

    private static boolean isPast(LocalDate due, LocalDate today) {
        return due != null && due.isBefore(today);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return Optional.ofNullable(a).map(x -> b == null || x.isBefore(b) ? x : b).orElse(b);
    }

    private static Double averageDays(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        double seconds = durations.stream().mapToDouble(Duration::toSeconds).average().orElseThrow();
        return round(seconds / SECONDS_PER_DAY, 1);
    }

    private static double round(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
