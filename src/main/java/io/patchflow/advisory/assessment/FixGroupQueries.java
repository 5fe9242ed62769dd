package io.patchflow.advisory.assessment;

import io.patchflow.advisory.FixGroups;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Fix groups computed in the database with GROUP BY: no finding is loaded one by one. */
@Service
@Transactional(readOnly = true)
class FixGroupQueries implements FixGroups {

    private static final String OPEN_FIXABLE = " resolved_at IS NULL AND status = 'FIX_AVAILABLE'";
    private static final String SAME_GROUP = " AND package_name = ? AND ecosystem = ? AND fixed_version = ?";

    private final JdbcTemplate jdbc;

    FixGroupQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<FixGroup> newIn(long assessmentId) {
        return groups(" WHERE fix_assessment_id = ? AND" + OPEN_FIXABLE, assessmentId);
    }

    @Override
    public FixGroup current(String ecosystem, String packageName, String fixedVersion) {
        List<FixGroup> groups = groups(" WHERE" + OPEN_FIXABLE + SAME_GROUP, packageName, ecosystem, fixedVersion);
        return groups.isEmpty()
                ? new FixGroup(ecosystem, packageName, fixedVersion, 0, 0, List.of(), null, null, false)
                : groups.get(0);
    }

    @Override
    public List<String> hosts(String ecosystem, String packageName, String fixedVersion) {
        return jdbc.queryForList("SELECT DISTINCT host FROM adv_finding WHERE" + OPEN_FIXABLE + SAME_GROUP
                + " ORDER BY host", String.class, packageName, ecosystem, fixedVersion);
    }

    private record Key(String ecosystem, String packageName, String fixedVersion) {
    }

    private List<FixGroup> groups(String where, Object... params) {
        Map<Key, TreeSet<String>> advisories = new LinkedHashMap<>();
        jdbc.query("SELECT DISTINCT ecosystem, package_name, fixed_version, advisory_id FROM adv_finding" + where,
                rs -> {
                    advisories.computeIfAbsent(new Key(rs.getString(1), rs.getString(2), rs.getString(3)),
                            k -> new TreeSet<>()).add(rs.getString(4));
                }, params);
        List<FixGroup> groups = new ArrayList<>();
        jdbc.query("SELECT ecosystem, package_name, fixed_version, COUNT(DISTINCT host), COUNT(*), MIN(priority), "
                + "MIN(sla_due), MAX(CASE WHEN in_kev THEN 1 ELSE 0 END) FROM adv_finding" + where
                + " GROUP BY ecosystem, package_name, fixed_version ORDER BY ecosystem, package_name, fixed_version",
                rs -> {
                    Key key = new Key(rs.getString(1), rs.getString(2), rs.getString(3));
                    Date due = rs.getDate(7);
                    groups.add(new FixGroup(key.ecosystem(), key.packageName(), key.fixedVersion(), rs.getInt(4),
                            rs.getInt(5), List.copyOf(advisories.getOrDefault(key, new TreeSet<>())),
                            rs.getString(6), due == null ? null : due.toLocalDate(), rs.getInt(8) == 1));
                }, params);
        return groups;
    }
}
