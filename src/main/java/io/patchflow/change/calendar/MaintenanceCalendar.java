package io.patchflow.change.calendar;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.inventory.HostView;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintenance windows and change freezes, and the questions the lifecycle asks of them. A host whose groups have
 * no window may be patched at any time; a host with windows only inside one of them, before its cut-off. A change
 * starts when every one of its hosts may be patched and no freeze covers any of them.
 */
@Service
public class MaintenanceCalendar {

    /** How far ahead a slot is searched: eight weeks covers every weekly window and a long year-end freeze. */
    static final int HORIZON_DAYS = 56;

    private final CalendarRepository calendar;
    private final AuditTrail audit;

    MaintenanceCalendar(CalendarRepository calendar, AuditTrail audit) {
        this.calendar = calendar;
        this.audit = audit;
    }

    public List<MaintenanceWindow> windows() {
        return calendar.windows();
    }

    public List<Blackout> blackouts() {
        return calendar.blackouts();
    }

    @Transactional
    public MaintenanceWindow addWindow(MaintenanceWindow window, String user) {
        if (calendar.windowNamed(window.name())) {
            throw new ConflictException("A maintenance window named '" + window.name() + "' exists already");
        }
        long id = calendar.insert(window, user);
        audit.record(new AuditRecord(null, "calendar.window.added", user, "Maintenance window '" + window.name()
                + "' added for " + window.hostGroup(), null, Map.of("window", window.toString()), Map.of("id", id)));
        return new MaintenanceWindow(id, window.name(), window.hostGroup(), window.timeZone(), window.days(),
                window.start(), window.durationMinutes(), window.cutoffMinutes());
    }

    @Transactional
    public void removeWindow(long id, String user) {
        if (!calendar.deleteWindow(id)) {
            throw new NotFoundException("No maintenance window " + id);
        }
        audit.record(new AuditRecord(null, "calendar.window.removed", user, "Maintenance window " + id + " removed",
                null, Map.of("id", id), Map.of()));
    }

    @Transactional
    public Blackout addBlackout(Blackout blackout, String user) {
        long id = calendar.insert(blackout, user);
        audit.record(new AuditRecord(null, "calendar.blackout.added", user, "Change freeze '" + blackout.name()
                + "' added for " + blackout.hostGroup(), blackout.reason(), Map.of("blackout", blackout.toString()),
                Map.of("id", id)));
        return new Blackout(id, blackout.name(), blackout.hostGroup(), blackout.startsAt(), blackout.endsAt(),
                blackout.reason());
    }

    @Transactional
    public void removeBlackout(long id, String user) {
        if (!calendar.deleteBlackout(id)) {
            throw new NotFoundException("No blackout " + id);
        }
        audit.record(new AuditRecord(null, "calendar.blackout.removed", user, "Change freeze " + id + " removed",
                null, Map.of("id", id), Map.of()));
    }

    /**
     * The first instant from {@code from} at which the hosts may be patched. {@code ignoreWindows} (emergencies)
     * still respects freezes: the caller decides about an override with {@link #freezeAt}.
     */
    public Optional<Instant> nextSlot(Collection<HostView> hosts, Instant from, boolean ignoreWindows) {
        List<MaintenanceWindow> windows = ignoreWindows ? List.of() : relevantWindows(hosts);
        List<Blackout> freezes = relevantBlackouts(hosts);
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(from);
        windows.forEach(w -> candidates.addAll(w.startsBetween(from, HORIZON_DAYS)));
        freezes.stream().map(Blackout::endsAt).filter(e -> e.isAfter(from)).forEach(candidates::add);
        Instant horizon = from.plusSeconds(HORIZON_DAYS * 86_400L);
        for (Instant t : candidates) {
            if (t.isAfter(horizon)) {
                break;
            }
            if (freezeAt(hosts, t, freezes).isEmpty() && (ignoreWindows || allOpen(hosts, windows, t))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The freeze covering any of the hosts at {@code t}, if one does. */
    public Optional<Blackout> freezeAt(Collection<HostView> hosts, Instant t) {
        return freezeAt(hosts, t, relevantBlackouts(hosts));
    }

    /**
     * The last instant a new batch may start for these hosts at {@code now}: the earliest cut-off among their open
     * windows; {@code now} itself when one of them has windows and none is open; empty when no window applies.
     */
    public Optional<Instant> batchDeadline(Collection<HostView> hosts, Instant now) {
        List<MaintenanceWindow> windows = relevantWindows(hosts);
        Instant deadline = null;
        for (HostView host : hosts) {
            List<MaintenanceWindow> own = windows.stream().filter(w -> w.appliesTo(host.groups())).toList();
            if (own.isEmpty()) {
                continue;
            }
            Instant latest = own.stream().map(w -> w.openAt(now)).filter(o -> o != null)
                    .map(MaintenanceWindow.Occurrence::cutoff).max(Instant::compareTo).orElse(now.minusSeconds(1));
            deadline = deadline == null || latest.isBefore(deadline) ? latest : deadline;
        }
        return Optional.ofNullable(deadline);
    }

    private boolean allOpen(Collection<HostView> hosts, List<MaintenanceWindow> windows, Instant t) {
        for (HostView host : hosts) {
            List<MaintenanceWindow> own = windows.stream().filter(w -> w.appliesTo(host.groups())).toList();
            if (!own.isEmpty() && own.stream().noneMatch(w -> w.openAt(t) != null)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Blackout> freezeAt(Collection<HostView> hosts, Instant t, List<Blackout> freezes) {
        return freezes.stream().filter(b -> b.covers(t)).findFirst();
    }

    private List<MaintenanceWindow> relevantWindows(Collection<HostView> hosts) {
        return calendar.windows().stream().filter(w -> hosts.stream().anyMatch(h -> w.appliesTo(h.groups())))
                .toList();
    }

    private List<Blackout> relevantBlackouts(Collection<HostView> hosts) {
        return new ArrayList<>(calendar.blackouts().stream()
                .filter(b -> hosts.stream().anyMatch(h -> b.appliesTo(h.groups()))).toList());
    }
}
