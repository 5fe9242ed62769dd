package io.patchflow.demo;

import io.patchflow.change.ChangeCreated;
import io.patchflow.change.ChangeRequests;
import io.patchflow.change.NewChange;
import io.patchflow.change.calendar.Blackout;
import io.patchflow.change.calendar.MaintenanceCalendar;
import io.patchflow.change.calendar.MaintenanceWindow;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded default's first minute: demo data, a maintenance calendar, and two changes already under way, a
 * normal one waiting for bob's test sign-off and an emergency one waiting for the ECAB. Only on an empty fleet.
 */
@Component
@ConditionalOnBean(DemoDataSeeder.class)
class DemoStartup {

    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    static final String NORMAL_ADVISORY = "DSA-5532-1";
    static final String EMERGENCY_ADVISORY = "DSA-5514-1";

    private final DemoDataSeeder seeder;
    private final MaintenanceCalendar calendar;
    private final ChangeRequests changes;
    private final Fleet fleet;

    DemoStartup(DemoDataSeeder seeder, MaintenanceCalendar calendar, ChangeRequests changes, Fleet fleet) {
        this.seeder = seeder;
        this.calendar = calendar;
        this.changes = changes;
        this.fleet = fleet;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void onReady() {
        if (!seeder.seedIfEmpty()) {
            return;
        }
        seedCalendar();
        List<String> webAndApi = fleet.allHosts().stream()
                .filter(h -> h.groups().contains("web-frontends") || h.groups().contains("api-servers"))
                .map(HostView::name).toList();
        ChangeCreated normal = changes.request(new NewChange("Patch OpenSSL (DSA-5532-1) on web and API servers",
                List.of(NORMAL_ADVISORY), webAndApi, "alice", "security", false, true));
        ChangeCreated emergency = changes.request(new NewChange(
                "Emergency: glibc Looney Tunables (CVE-2023-4911, known exploited)", List.of(EMERGENCY_ADVISORY),
                List.of(), "alice", "security", false, true));
        log.info("Demo changes started: {} (normal: test sign-off by bob, then CAB votes by carol and dave) and {} "
                + "(emergency: ECAB vote by erin)", normal.id(), emergency.id());
    }

    /** A weekly database window and the year-end change freeze, so the calendar has something to show. */
    private void seedCalendar() {
        calendar.addWindow(new MaintenanceWindow(null, "Databases: Sunday night", "databases", "Europe/Berlin",
                List.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0), 240, 30), "admin");
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        calendar.addBlackout(new Blackout(null, "Year-end freeze " + year, "*",
                LocalDate.of(year, 12, 19).atStartOfDay().toInstant(ZoneOffset.UTC),
                LocalDate.of(year + 1, 1, 4).atStartOfDay().toInstant(ZoneOffset.UTC),
                "Peak season: only emergency changes, with a justified override"), "admin");
    }
}
