package io.patchflow.change.calendar;

import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostView;
import io.patchflow.security.CurrentUser;
import io.patchflow.shared.BadInputException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/calendar}: maintenance windows and change freezes, and a preview of the next slot. */
@RestController
@RequestMapping("/api/v1/calendar")
class CalendarController {

    private final MaintenanceCalendar calendar;
    private final Fleet fleet;

    CalendarController(MaintenanceCalendar calendar, Fleet fleet) {
        this.calendar = calendar;
        this.fleet = fleet;
    }

    record WindowRequest(String name, String hostGroup, String timeZone, List<String> daysOfWeek, String start,
            Integer durationMinutes, Integer cutoffMinutes) {
    }

    record BlackoutRequest(String name, String hostGroup, Instant startsAt, Instant endsAt, String reason) {
    }

    @GetMapping
    Map<String, Object> calendar() {
        return Map.of("windows", calendar.windows(), "blackouts", calendar.blackouts());
    }

    @PostMapping("/windows")
    @ResponseStatus(HttpStatus.CREATED)
    MaintenanceWindow addWindow(@RequestBody WindowRequest request) {
        if (request.durationMinutes() == null) {
            throw new BadInputException("durationMinutes", "durationMinutes is required");
        }
        MaintenanceWindow window = new MaintenanceWindow(null, request.name(),
                request.hostGroup() == null ? MaintenanceWindow.EVERY_GROUP : request.hostGroup(),
                request.timeZone() == null ? "UTC" : request.timeZone(), MaintenanceWindow.parseDays(request.daysOfWeek()),
                parseTime(request.start()), request.durationMinutes(),
                request.cutoffMinutes() == null ? 0 : request.cutoffMinutes());
        return calendar.addWindow(window, user());
    }

    @DeleteMapping("/windows/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeWindow(@PathVariable long id) {
        calendar.removeWindow(id, user());
    }

    @PostMapping("/blackouts")
    @ResponseStatus(HttpStatus.CREATED)
    Blackout addBlackout(@RequestBody BlackoutRequest request) {
        Blackout blackout = new Blackout(null, request.name(),
                request.hostGroup() == null ? MaintenanceWindow.EVERY_GROUP : request.hostGroup(), request.startsAt(),
                request.endsAt(), request.reason());
        return calendar.addBlackout(blackout, user());
    }

    @DeleteMapping("/blackouts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeBlackout(@PathVariable long id) {
        calendar.removeBlackout(id, user());
    }

    /** When could these hosts be patched next? Answers the slot and the freeze that an emergency would break. */
    @GetMapping("/next-slot")
    Map<String, Object> nextSlot(@RequestParam List<String> hosts) {
        List<HostView> known = fleet.hosts(hosts);
        if (known.size() != hosts.stream().distinct().count()) {
            throw new BadInputException("hosts", "unknown host(s): " + hosts.stream()
                    .filter(h -> known.stream().noneMatch(k -> k.name().equals(h))).toList());
        }
        Instant now = Instant.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("hosts", hosts);
        answer.put("nextSlot", calendar.nextSlot(known, now, false).orElse(null));
        answer.put("freezeNow", calendar.freezeAt(known, now).orElse(null));
        return answer;
    }

    private static LocalTime parseTime(String text) {
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadInputException("start", "start must be a local time as HH:mm, not '" + text + "'");
        }
    }

    private static String user() {
        return CurrentUser.id().orElse("system");
    }
}
