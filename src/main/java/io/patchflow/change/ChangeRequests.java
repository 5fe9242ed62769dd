package io.patchflow.change;

import io.patchflow.advisory.Advisories;
import io.patchflow.change.internal.ChangeAudit;
import io.patchflow.change.internal.ChangeRepository;
import io.patchflow.change.internal.ChangeRepository.ChangeRow;
import io.patchflow.change.internal.LifecycleEngine;
import io.patchflow.deployment.RolloutView;
import io.patchflow.deployment.Rollouts;
import io.patchflow.inventory.Fleet;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.logging.ChangeLogContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The change module's API: request a patch change, look at it, cancel it. */
@Service
public class ChangeRequests {

    private final ChangeRepository changes;
    private final LifecycleEngine engine;
    private final Advisories advisories;
    private final Fleet fleet;
    private final ChangeAudit audit;
    private final Rollouts rollouts;

    ChangeRequests(ChangeRepository changes, LifecycleEngine engine, Advisories advisories, Fleet fleet,
            ChangeAudit audit, Rollouts rollouts) {
        this.changes = changes;
        this.engine = engine;
        this.advisories = advisories;
        this.fleet = fleet;
        this.audit = audit;
        this.rollouts = rollouts;
    }

    /** Stores the change and starts its lifecycle in one transaction: both happen, or neither. */
    @Transactional
    public ChangeCreated request(NewChange change) {
        List<String> unknownAdvisories = advisories.unknown(change.advisories());
        if (!unknownAdvisories.isEmpty()) {
            throw new BadInputException("advisories", "unknown advisory id(s): " + unknownAdvisories
                    + "; load them with POST /api/v1/advisories first");
        }
        List<String> knownHosts = fleet.hosts(change.hosts()).stream().map(h -> h.name()).toList();
        List<String> unknownHosts = change.hosts().stream().filter(h -> !knownHosts.contains(h)).toList();
        if (!unknownHosts.isEmpty()) {
            throw new BadInputException("hosts", "unknown host(s): " + unknownHosts);
        }
        String id = changes.insert(change);
        // From here on the request is about this change: its log lines say so.
        try (ChangeLogContext.Scope logContext = ChangeLogContext.open(id)) {
            audit.record(id, "change.requested", change.requestedBy(), "Change requested: " + change.title(), null,
                    Map.of("advisories", change.advisories(), "hosts", change.hosts(), "patchKind",
                            change.patchKind(), "rebootRequired", change.rebootRequired(), "vendorTrusted",
                            change.vendorTrusted()),
                    Map.of("id", id));
            String processInstanceId = engine.start(id, change.title());
            changes.processStarted(id, processInstanceId);
            return new ChangeCreated(id, processInstanceId, ChangeState.REQUESTED);
        }
    }

    @Transactional(readOnly = true)
    public ChangeView get(String id) {
        return views(List.of(changes.get(id))).get(0);
    }

    /** The rollout of every stage the change reached; none yet is an empty list, no such change a NotFoundException. */
    @Transactional(readOnly = true)
    public List<RolloutView> rollout(String id) {
        List<RolloutView> stages = rollouts.forChange(id);
        if (stages.isEmpty()) {
            changes.get(id);
        }
        return stages;
    }

    @Transactional(readOnly = true)
    public List<ChangeView> list(ChangeState state, int page, int size) {
        return views(changes.list(state, page, size));
    }

    @Transactional
    public void cancel(String id, String user, String reason) {
        ChangeRow change = changes.get(id);
        if (change.state().isFinal()) {
            throw new ConflictException(id + " has already ended (" + change.state() + ") and cannot be cancelled");
        }
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("reason", "reason is required to cancel a change");
        }
        engine.cancel(id, user, reason);
        // After the cancellation is on the process (its own transaction): a batch still being deployed stops now
        // instead of patching hosts for a change that no longer exists; its hosts are reported as cancelled.
        rollouts.stopRuns(id);
    }

    /** The views of a page of changes in four statements, not four per change. */
    private List<ChangeView> views(List<ChangeRow> rows) {
        List<String> ids = rows.stream().map(ChangeRow::id).toList();
        Map<String, List<String>> advisories = changes.advisories(ids);
        Map<String, List<String>> scope = changes.scope(ids);
        Map<String, Integer> affectedHosts = changes.affectedHosts(ids);
        // Ended changes have no active steps; only running ones are looked up in the engine.
        Map<String, List<String>> steps = engine.activeSteps(rows.stream()
                .filter(c -> c.processInstanceId() != null && !c.state().isFinal())
                .map(ChangeRow::processInstanceId).toList());
        return rows.stream().map(c -> new ChangeView(c.id(), c.title(), c.requestedBy(), c.state(), c.stage(),
                c.priority(), c.slaDue(), c.changeType(), c.policyReason(),
                c.ticketKey() == null ? null : new ChangeView.Ticket(c.ticketSystem(), c.ticketKey(), c.ticketUrl()),
                advisories.getOrDefault(c.id(), List.of()), scope.getOrDefault(c.id(), List.of()),
                affectedHosts.getOrDefault(c.id(), 0), c.windowStart(), c.outcome(), c.processInstanceId(),
                c.processInstanceId() == null ? List.of() : steps.getOrDefault(c.processInstanceId(), List.of()),
                c.createdAt(), c.updatedAt(), c.closedAt())).toList();
    }
}
