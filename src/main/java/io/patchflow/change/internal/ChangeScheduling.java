package io.patchflow.change.internal;

import io.patchflow.change.ChangeState;
import io.patchflow.change.calendar.Blackout;
import io.patchflow.change.calendar.MaintenanceCalendar;
import io.patchflow.change.internal.ChangeRepository.ChangeRow;
import io.patchflow.change.internal.ChangeRepository.Target;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stage 6: the next maintenance window of the affected hosts outside change freezes. Emergencies do not wait for a
 * window, but a freeze stops them unless someone overrides it with a justification.
 */
@Component
public class ChangeScheduling {

    private final ChangeRepository changes;
    private final MaintenanceCalendar calendar;
    private final Fleet fleet;
    private final ChangeAudit audit;
    private final ChangeTickets tickets;

    ChangeScheduling(ChangeRepository changes, MaintenanceCalendar calendar, Fleet fleet, ChangeAudit audit,
            ChangeTickets tickets) {
        this.changes = changes;
        this.calendar = calendar;
        this.fleet = fleet;
        this.audit = audit;
        this.tickets = tickets;
    }

    @Transactional
    public ScheduleDecision schedule(String changeId) {
        ChangeRow change = changes.get(changeId);
        List<HostView> hosts = hosts(changeId);
        Instant now = Instant.now();
        boolean emergency = "emergency".equals(change.changeType());
        Optional<Blackout> freeze = calendar.freezeAt(hosts, now);
        ScheduleDecision decision;
        if (emergency && freeze.isPresent()) {
            decision = new ScheduleDecision(now, true, freeze.get().name());
        } else {
            Instant start = calendar.nextSlot(hosts, now, emergency).orElseThrow(() -> new NoMaintenanceWindowException(
                    "No maintenance window outside change freezes in the next " + 56 + " days for the hosts of "
                            + changeId + ": add a window or shorten the freeze"));
            decision = new ScheduleDecision(start, false, null);
        }
        changes.window(changeId, decision.windowStart(), null);
        changes.moveTo(changeId, ChangeState.SCHEDULED, "scheduling");
        String summary = decision.freezeOverrideRequested()
                ? "Emergency change inside change freeze '" + decision.freeze() + "': override decision required"
                : "Scheduled for " + decision.windowStart() + (emergency ? " (emergency: no window wait)" : "");
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("windowStart", decision.windowStart().toString());
        outcome.put("freezeOverrideRequested", decision.freezeOverrideRequested());
        outcome.put("freeze", decision.freeze());
        audit.record(changeId, "schedule", "system", summary, null,
                Map.of("changeType", String.valueOf(change.changeType()), "hosts", hosts.size()), outcome);
        tickets.comment(changeId, "patchflow", summary);
        return decision;
    }

    /** After an emergency's freeze decision: now when overridden, else the first instant after the freeze. */
    @Transactional
    public Instant afterFreezeDecision(String changeId, boolean override, String justification) {
        Instant now = Instant.now();
        Instant start = override ? now : calendar.nextSlot(hosts(changeId), now, true)
                .orElseThrow(() -> new NoMaintenanceWindowException("The change freeze does not end within the "
                        + "search horizon for " + changeId));
        changes.window(changeId, start, override ? justification : null);
        return start;
    }

    /** The cut-off after which no new batch of this change may start; empty when its hosts have no windows. */
    public Optional<Instant> batchDeadline(String changeId) {
        ChangeRow change = changes.get(changeId);
        if ("emergency".equals(change.changeType())) {
            return Optional.empty();
        }
        return calendar.batchDeadline(hosts(changeId), Instant.now());
    }

    public Instant nextWindow(String changeId) {
        return calendar.nextSlot(hosts(changeId), Instant.now().plusSeconds(60), false)
                .orElseThrow(() -> new NoMaintenanceWindowException("No next maintenance window for " + changeId));
    }

    private List<HostView> hosts(String changeId) {
        return fleet.hosts(changes.targets(changeId).stream().map(Target::host).distinct().toList());
    }
}
