package io.patchflow.inventory.store;

import io.patchflow.inventory.HostPackage;
import io.patchflow.inventory.InstalledPackage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Installed packages ({@code inv_package}) and their history ({@code inv_package_history}). */
@Repository
public class PackageRepository {

    private static final String COLUMNS = "p.id, p.host_id, p.ecosystem, p.name, p.version, p.source_name, "
            + "p.source_version, p.arch, p.purl";
    private static final int[] PACKAGE_TYPES = {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    PackageRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    public List<PackageRow> findByHosts(Collection<Long> hostIds) {
        List<PackageRow> rows = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(hostIds)) {
            rows.addAll(named.query("SELECT " + COLUMNS + " FROM inv_package p WHERE p.host_id IN (:ids) "
                    + "ORDER BY p.host_id, p.ecosystem, p.name, p.arch", Map.of("ids", chunk), PackageRepository::row));
        }
        return rows;
    }

    /**
     * Packages with their host names, in one query per chunk of hosts (all hosts when {@code hostIds} is null),
     * restricted to ecosystems with the given names (with or without release; all when empty).
     */
    public List<HostPackage> findWithHostNames(Collection<Long> hostIds, Collection<String> ecosystems) {
        StringBuilder sql = new StringBuilder("SELECT h.name AS host_name, " + COLUMNS
                + " FROM inv_package p JOIN inv_host h ON h.id = p.host_id WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!ecosystems.isEmpty()) {
            sql.append(" AND (p.ecosystem IN (:ecosystems)");
            int i = 0;
            for (String ecosystem : ecosystems) {
                sql.append(" OR p.ecosystem LIKE :prefix").append(i);
                params.put("prefix" + i++, escapeLike(ecosystem) + ":%");
            }
            sql.append(')');
            params.put("ecosystems", ecosystems);
        }
        List<HostPackage> result = new ArrayList<>();
        if (hostIds == null) {
            named.query(sql + " ORDER BY h.name", params, (ResultSet rs) -> {
                result.add(new HostPackage(rs.getString("host_name"), row(rs, 0).pkg()));
            });
            return result;
        }
        for (List<Long> chunk : Chunks.of(hostIds)) {
            params.put("ids", chunk);
            named.query(sql + " AND p.host_id IN (:ids) ORDER BY h.name", params, (ResultSet rs) -> {
                result.add(new HostPackage(rs.getString("host_name"), row(rs, 0).pkg()));
            });
        }
        return result;
    }

    public void insert(Collection<PackageRow> rows) {
        jdbc.batchUpdate("INSERT INTO inv_package (host_id, ecosystem, name, version, source_name, source_version, "
                + "arch, purl) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows.stream().map(r -> new Object[] {r.hostId(), r.pkg().ecosystem(), r.pkg().name(),
                        r.pkg().version(), r.pkg().source(), r.pkg().sourceVersion(), r.pkg().arch(),
                        r.pkg().purl()}).toList(),
                PACKAGE_TYPES);
    }

    /** Moves existing rows (by id) to the versions and source given in their package. */
    public void update(Collection<PackageRow> rows) {
        jdbc.batchUpdate("UPDATE inv_package SET version = ?, source_name = ?, source_version = ?, purl = ? "
                + "WHERE id = ?",
                rows.stream().map(r -> new Object[] {r.pkg().version(), r.pkg().source(), r.pkg().sourceVersion(),
                        r.pkg().purl(), r.id()}).toList(),
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT});
    }

    public void delete(Collection<Long> ids) {
        jdbc.batchUpdate("DELETE FROM inv_package WHERE id = ?", ids.stream().map(id -> new Object[] {id}).toList(),
                new int[] {Types.BIGINT});
    }

    public void recordHistory(Collection<PackageChange> changes, String reason) {
        jdbc.batchUpdate("INSERT INTO inv_package_history (host_id, ecosystem, package_name, arch, change_type, "
                + "old_version, new_version, old_source_version, new_source_version, reason, changed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                changes.stream().map(c -> new Object[] {c.hostId(), c.ecosystem(), c.packageName(), c.arch(),
                        c.type().name(), c.oldVersion(), c.newVersion(), c.oldSourceVersion(), c.newSourceVersion(),
                        reason}).toList(),
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR});
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static PackageRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new PackageRow(rs.getLong("id"), rs.getLong("host_id"), new InstalledPackage(rs.getString("name"),
                rs.getString("version"), rs.getString("source_name"), rs.getString("source_version"),
                rs.getString("arch"), rs.getString("ecosystem"), rs.getString("purl")));
    }
}
