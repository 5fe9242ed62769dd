package io.patchflow.change.detection;

import io.patchflow.change.NewChange;
import io.patchflow.change.internal.ChangeAudit;
import io.patchflow.change.internal.ChangeRepository;
import io.patchflow.change.internal.LifecycleEngine;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns a proposal into a change: stores it like a requested change and starts its lifecycle with the message
 * {@code PatchDetected}, in the caller's transaction (the lifecycle's first step is asynchronous, so this only
 * creates the instance and its job).
 */
@Component
class DetectedChangeStarter {

    private static final int MAX_TITLE = 500;

    private final ChangeRepository changes;
    private final LifecycleEngine engine;
    private final ChangeAudit audit;
    DetectedChangeStarter(ChangeRepository changes, LifecycleEngine engine, ChangeAudit audit) {
        this.changes = changes;
        this.engine = engine;
        this.audit = audit;
    }

    /** Answers the new change's id; its scope is the proposal's hosts. */
    String start(ProposalRepository.Row proposal, List<String> advisories, List<String> hosts, String requestedBy) {
        NewChange change = new NewChange(title(proposal, hosts.size()), advisories, hosts, requestedBy, "security",
                false, false);
        String id = changes.insert(change);
        audit.record(id, "change.requested", requestedBy, "Change requested from proposal "
                + Proposal.id(proposal.id()) + ": " + change.title(), proposal.policyReason(),
                Map.of("proposal", Proposal.id(proposal.id()), "advisories", advisories, "hosts", hosts),
                Map.of("id", id, "start", "PatchDetected"));
        String processInstanceId = engine.startDetected(id, change.title());
        changes.processStarted(id, processInstanceId);
        return id;
    }

    private static String title(ProposalRepository.Row p, int hosts) {
        String title = "Update " + p.packageName() + " to " + p.fixedVersion() + " (" + p.ecosystem() + ", " + hosts
                + (hosts == 1 ? " host)" : " hosts)");
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "\u2026";
    }
}
