package io.patchflow.change.calendar;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Maintenance windows and blackouts in chg_maintenance_window and chg_blackout. */
@Repository
class CalendarRepository {

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<MaintenanceWindow> windows() {
        return jdbc.sql("SELECT id, name, host_group, time_zone, days_of_week, start_time, duration_minutes, "
                + "cutoff_minutes FROM chg_maintenance_window ORDER BY name")
                .query((rs, n) -> new MaintenanceWindow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Arrays.stream(rs.getString(5).split(",")).map(DayOfWeek::valueOf).toList(),
                        LocalTime.parse(rs.getString(6)), rs.getInt(7), rs.getInt(8)))
                .list();
    }

    boolean windowNamed(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM chg_maintenance_window WHERE name = ?").param(name)
                .query(Integer.class).single() > 0;
    }

    long insert(MaintenanceWindow w, String user) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO chg_maintenance_window (name, host_group, time_zone, days_of_week, start_time, "
                + "duration_minutes, cutoff_minutes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(w.name(), w.hostGroup(), w.timeZone(),
                        w.days().stream().map(DayOfWeek::name).collect(Collectors.joining(",")),
                        w.start().toString(), w.durationMinutes(), w.cutoffMinutes(), user, Timestamp.from(Instant.now()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean deleteWindow(long id) {
        return jdbc.sql("DELETE FROM chg_maintenance_window WHERE id = ?").param(id).update() > 0;
    }

    List<Blackout> blackouts() {
        return jdbc.sql("SELECT id, name, host_group, starts_at, ends_at, reason FROM chg_blackout ORDER BY starts_at")
                .query((rs, n) -> new Blackout(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .list();
    }

    long insert(Blackout b, String user) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO chg_blackout (name, host_group, starts_at, ends_at, reason, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(b.name(), b.hostGroup(), Timestamp.from(b.startsAt()), Timestamp.from(b.endsAt()), b.reason(),
                        user, Timestamp.from(Instant.now()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean deleteBlackout(long id) {
        return jdbc.sql("DELETE FROM chg_blackout WHERE id = ?").param(id).update() > 0;
    }
}
