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

/** Fix groups computed in the database with GROUP BY, two scans per assessment: no finding is loaded one by one. */
@Service
@Transactional(readOnly = true)
class FixGroupQueries implements FixGroups {

    private static final String OPEN_FIXABLE = " f.resolved_at IS NULL AND f.status = 'FIX_AVAILABLE'";
    /** The groups an assessment's newly fix-available findings belong to. */
    private static final String TOUCHED = "(SELECT DISTINCT ecosystem, package_name, fixed_version FROM adv_finding "
            + "WHERE fix_assessment_id = ? AND resolved_at IS NULL AND status = 'FIX_AVAILABLE') t";
    private static final String IN_TOUCHED = " FROM adv_finding f JOIN " + TOUCHED + " ON f.ecosystem = t.ecosystem "
            + "AND f.package_name = t.package_name AND f.fixed_version = t.fixed_version WHERE" + OPEN_FIXABLE;

    private final JdbcTemplate jdbc;

    FixGroupQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Key(String ecosystem, String packageName, String fixedVersion) {
    }

    @Override
    public List<FixGroup> newIn(long assessmentId) {
        Map<Key, TreeSet<String>> advisories = new LinkedHashMap<>();
        jdbc.query("SELECT DISTINCT f.ecosystem, f.package_name, f.fixed_version, f.advisory_id" + IN_TOUCHED, rs -> {
            advisories.computeIfAbsent(new Key(rs.getString(1), rs.getString(2), rs.getString(3)),
                    k -> new TreeSet<>()).add(rs.getString(4));
        }, assessmentId);
        List<FixGroup> groups = new ArrayList<>();
        jdbc.query("SELECT f.ecosystem, f.package_name, f.fixed_version, COUNT(DISTINCT f.host), "
                + "COUNT(DISTINCT CASE WHEN f.fix_assessment_id = ? THEN f.host END), COUNT(*), MIN(f.priority), "
                + "MIN(f.sla_due), MAX(CASE WHEN f.in_kev THEN 1 ELSE 0 END)" + IN_TOUCHED
                + " GROUP BY f.ecosystem, f.package_name, f.fixed_version"
                + " ORDER BY f.ecosystem, f.package_name, f.fixed_version", rs -> {
                    Key key = new Key(rs.getString(1), rs.getString(2), rs.getString(3));
                    Date due = rs.getDate(8);
                    groups.add(new FixGroup(key.ecosystem(), key.packageName(), key.fixedVersion(), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), List.copyOf(advisories.getOrDefault(key, new TreeSet<>())),
                            rs.getString(7), due == null ? null : due.toLocalDate(), rs.getInt(9) == 1));
                }, assessmentId, assessmentId);
        return groups;
    }

    @Override
    public List<String> hosts(String ecosystem, String packageName, String fixedVersion) {
        return jdbc.queryForList("SELECT DISTINCT f.host FROM adv_finding f WHERE" + OPEN_FIXABLE
                + " AND f.ecosystem = ? AND f.package_name = ? AND f.fixed_version = ? ORDER BY f.host",
                String.class, ecosystem, packageName, fixedVersion);
    }
}
