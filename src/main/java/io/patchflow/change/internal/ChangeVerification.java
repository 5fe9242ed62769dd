package io.patchflow.change.internal;

import io.patchflow.advisory.Advisories;
import io.patchflow.advisory.Finding;
import io.patchflow.change.ChangeState;
import io.patchflow.change.internal.ChangeRepository.Target;
import io.patchflow.deployment.Rollouts;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stage 8: refreshes the inventory of the change's hosts and matches them again. The change is verified only when
 * none of its advisories still has a fix to install on any of them.
 */
@Component
public class ChangeVerification {

    private final ChangeRepository changes;
    private final Advisories advisories;
    private final Rollouts rollouts;
    private final ChangeAudit audit;
    private final ChangeTickets tickets;

    ChangeVerification(ChangeRepository changes, Advisories advisories, Rollouts rollouts, ChangeAudit audit,
            ChangeTickets tickets) {
        this.changes = changes;
        this.advisories = advisories;
        this.rollouts = rollouts;
        this.audit = audit;
        this.tickets = tickets;
    }

    @Transactional
    public boolean verify(String changeId) {
        List<String> hosts = targetHosts(changeId);
        rollouts.refreshInventory(hosts);
        List<Finding> remaining = advisories.match(changes.advisories(changeId), hosts).stream()
                .filter(f -> Finding.FIX_AVAILABLE.equals(f.status())).toList();
        List<String> vulnerable = remaining.stream().map(Finding::host).distinct().sorted().toList();
        boolean verified = vulnerable.isEmpty();
        changes.moveTo(changeId, verified ? ChangeState.VERIFYING : ChangeState.REMEDIATION, "verification");
        String summary = verified ? "Verified: the advisories are gone from all " + hosts.size() + " hosts"
                : "Not verified: " + vulnerable.size() + " of " + hosts.size() + " hosts still vulnerable";
        audit.record(changeId, "verification", "system", summary, null,
                Map.of("hosts", hosts, "advisories", changes.advisories(changeId)),
                Map.of("verified", verified, "vulnerableHosts", vulnerable, "findings", remaining.size()));
        tickets.comment(changeId, "patchflow", summary);
        return verified;
    }

    /** Hosts the last verification found still vulnerable: what a retry or a risk acceptance covers. */
    @Transactional(readOnly = true)
    public List<String> unverifiedHosts(String changeId) {
        return advisories.match(changes.advisories(changeId), targetHosts(changeId)).stream()
                .filter(f -> Finding.FIX_AVAILABLE.equals(f.status()))
                .map(Finding::host).distinct().sorted().toList();
    }

    private List<String> targetHosts(String changeId) {
        return changes.targets(changeId).stream().map(Target::host).distinct().sorted().toList();
    }
}
