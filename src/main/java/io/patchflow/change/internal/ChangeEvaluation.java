package io.patchflow.change.internal;

import io.patchflow.advisory.Advisories;
import io.patchflow.advisory.Finding;
import io.patchflow.advisory.RiskSignals;
import io.patchflow.change.ChangeState;
import io.patchflow.change.internal.ChangeRepository.ChangeRow;
import io.patchflow.change.internal.ChangeRepository.Target;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostPackage;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InstalledPackage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stage 2: finds the hosts the change's advisories affect (with a fix available) and gathers the facts the
 * policies need: CVSS, EPSS, KEV, asset criticality, exposure, environment and blast radius.
 */
@Component
public class ChangeEvaluation {

    private static final List<String> CRITICALITY = List.of("low", "medium", "high", "critical");
    /** Packages whose update needs a reboot to take effect (kernel, C library, init). */
    private static final Pattern REBOOT_PACKAGES = Pattern.compile(
            "^(linux-image.*|linux-modules.*|kernel.*|glibc.*|libc6.*|systemd|dbus|microcode.*|intel-microcode|amd64-microcode)$");

    private final ChangeRepository changes;
    private final Advisories advisories;
    private final Fleet fleet;
    private final ChangeAudit audit;

    ChangeEvaluation(ChangeRepository changes, Advisories advisories, Fleet fleet, ChangeAudit audit) {
        this.changes = changes;
        this.advisories = advisories;
        this.fleet = fleet;
        this.audit = audit;
    }

    @Transactional(noRollbackFor = NothingToPatchException.class)
    public EvaluationFacts evaluate(String changeId) {
        ChangeRow change = changes.get(changeId);
        List<String> advisoryIds = changes.advisories(changeId);
        List<String> scope = changes.scope(changeId);
        List<Finding> findings = advisories.match(advisoryIds, scope);
        List<Target> targets = targets(findings);
        long withoutFix = findings.stream().filter(f -> Finding.NO_FIX.equals(f.status())).count();
        if (targets.isEmpty()) {
            changes.moveTo(changeId, ChangeState.NOT_AFFECTED, "evaluation");
            audit.record(changeId, "evaluation.nothing-to-patch", "system",
                    "No host needs a patch for " + String.join(", ", advisoryIds), null,
                    Map.of("advisories", advisoryIds, "scope", scope),
                    Map.of("findingsWithoutFix", withoutFix));
            throw new NothingToPatchException("No affected host has a fix available for " + advisoryIds);
        }
        changes.replaceTargets(changeId, targets);
        List<HostView> hosts = fleet.hosts(targets.stream().map(Target::host).distinct().toList());
        RiskSignals risk = advisories.riskSignals(advisoryIds);
        boolean reboot = change.rebootRequired()
                || targets.stream().anyMatch(t -> REBOOT_PACKAGES.matcher(t.packageName()).matches());
        long prod = hosts.stream().filter(h -> isProduction(h.environment())).count();
        EvaluationFacts facts = new EvaluationFacts(toDouble(risk.maxCvssScore()),
                toDouble(risk.maxEpssProbability()), risk.inKev(), highestCriticality(hosts),
                hosts.stream().anyMatch(HostView::internetFacing), mostSensitiveEnvironment(hosts),
                change.patchKind(), reboot, change.vendorTrusted(), hosts.size(),
                hosts.isEmpty() ? 0.0 : Math.round(1000.0 * prod / hosts.size()) / 1000.0);
        changes.moveTo(changeId, ChangeState.EVALUATED, "evaluation");
        Map<String, Object> outcome = new LinkedHashMap<>(facts.asVariables());
        outcome.put("packages", targets.size());
        outcome.put("findingsWithoutFix", withoutFix);
        audit.record(changeId, "evaluation.facts", "system", "Affected: " + hosts.size() + " hosts, "
                + targets.size() + " package updates", null,
                Map.of("advisories", advisoryIds, "scope", scope, "riskSources", risk.sources()),
                outcome);
        return facts;
    }

    /**
     * One target per host and installed binary package: the highest of the fixed versions its advisories need.
     * Advisories of Debian and Ubuntu name source packages; every installed binary built from that source at the
     * affected version moves to the fixed version (libssl3 and openssl for "openssl"), or the host stays vulnerable.
     */
    private List<Target> targets(List<Finding> findings) {
        List<Finding> fixable = findings.stream()
                .filter(f -> Finding.FIX_AVAILABLE.equals(f.status()) && f.fixedVersion() != null).toList();
        Map<String, List<HostPackage>> installed = fleet.installedPackages(
                fixable.stream().map(Finding::host).distinct().toList(), List.of()).stream()
                .collect(Collectors.groupingBy(HostPackage::host));
        Map<String, Target> byHostPackage = new LinkedHashMap<>();
        for (Finding f : fixable) {
            for (InstalledPackage binary : builtFrom(f, installed.getOrDefault(f.host(), List.of()))) {
                Target candidate = new Target(f.host(), binary.name(), binary.version(), f.fixedVersion(),
                        f.advisory());
                byHostPackage.merge(f.host() + "\u0000" + binary.name(), candidate, (a, b) ->
                        advisories.compareVersions(f.ecosystem(), a.fixedVersion(), b.fixedVersion()) >= 0 ? a : b);
            }
        }
        List<Target> targets = new ArrayList<>(byHostPackage.values());
        targets.sort(Comparator.comparing(Target::host).thenComparing(Target::packageName));
        return targets;
    }

    /** The host's binaries the finding is about: by name, or built from the named source at the found version. */
    private static List<InstalledPackage> builtFrom(Finding f, List<HostPackage> onHost) {
        return onHost.stream().map(HostPackage::pkg)
                .filter(p -> (f.packageName().equals(p.source()) && f.installedVersion().equals(p.sourceVersion()))
                        || (f.packageName().equals(p.name()) && f.installedVersion().equals(p.version())))
                .toList();
    }

    private static String highestCriticality(List<HostView> hosts) {
        return hosts.stream().map(HostView::criticality).filter(CRITICALITY::contains)
                .max(Comparator.comparingInt(CRITICALITY::indexOf)).orElse("medium");
    }

    private static String mostSensitiveEnvironment(List<HostView> hosts) {
        if (hosts.stream().anyMatch(h -> isProduction(h.environment()))) {
            return "prod";
        }
        Set<String> staging = Set.of("staging", "pilot", "preprod", "uat");
        return hosts.stream().anyMatch(h -> staging.contains(String.valueOf(h.environment()))) ? "staging" : "test";
    }

    private static boolean isProduction(String environment) {
        return "prod".equals(environment) || "production".equals(environment);
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
