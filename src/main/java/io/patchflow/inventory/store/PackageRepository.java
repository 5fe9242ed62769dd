package io.patchflow.inventory.store;

import io.patchflow.inventory.DistinctPackage;
import io.patchflow.inventory.HostPackage;
import io.patchflow.inventory.InstalledPackage;
import io.patchflow.inventory.PackageKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;
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

    /** Tuples per join statement: four bind parameters each, well below PostgreSQL's 65,535. */
    private static final int TUPLES_PER_STATEMENT = 2000;

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

    /**
     * The distinct (ecosystem, name, version) under {@code key} with their number of rows, grouped by the database
     * (one query per chunk of hosts; all hosts when {@code hostIds} is null), restricted to ecosystems as in
     * {@link #findWithHostNames}.
     */
    public List<DistinctPackage> distinct(Collection<Long> hostIds, Collection<String> ecosystems, PackageKey key) {
        String name = nameColumn(key);
        String version = versionColumn(key);
        Map<String, Object> params = new HashMap<>();
        String sql = "SELECT p.ecosystem, " + name + ", " + version + ", COUNT(*) FROM inv_package p WHERE "
                + ecosystemFilter(ecosystems, params);
        String groupBy = " GROUP BY p.ecosystem, " + name + ", " + version;
        if (hostIds == null) {
            return named.query(sql + groupBy, params, (rs, row) -> new DistinctPackage(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getLong(4)));
        }
        record Tuple(String ecosystem, String name, String version) {
        }
        Map<Tuple, Long> counts = new LinkedHashMap<>();
        for (List<Long> chunk : Chunks.of(hostIds)) {
            params.put("ids", chunk);
            named.query(sql + " AND p.host_id IN (:ids)" + groupBy, params, (ResultSet rs) -> {
                counts.merge(new Tuple(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4), Long::sum);
            });
        }
        return counts.entrySet().stream().map(e -> new DistinctPackage(e.getKey().ecosystem(), e.getKey().name(),
                e.getKey().version(), e.getValue())).toList();
    }

    /**
     * For each host (of {@code hostIds}; all when null) having a package equal under {@code key} to
     * {@code tuples.get(i)}: (host name, i), once. The tuples travel as a VALUES list joined in the database (a
     * chunk per statement, bind parameters being limited), so only the matching rows come back, each once.
     */
    public void hostsWith(Collection<Long> hostIds, List<DistinctPackage> tuples, PackageKey key,
            ObjIntConsumer<String> consumer) {
        List<List<Long>> hostChunks = hostIds == null ? java.util.Collections.singletonList(null)
                : Chunks.of(hostIds);
        for (int from = 0; from < tuples.size(); from += TUPLES_PER_STATEMENT) {
            int to = Math.min(tuples.size(), from + TUPLES_PER_STATEMENT);
            for (List<Long> hosts : hostChunks) {
                List<Object> args = new ArrayList<>((to - from) * 4 + (hosts == null ? 0 : hosts.size()));
                StringBuilder values = new StringBuilder();
                for (int i = from; i < to; i++) {
                    DistinctPackage t = tuples.get(i);
                    values.append(i == from ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
                    args.add(i);
                    args.add(t.ecosystem());
                    args.add(t.name());
                    args.add(t.version());
                }
                StringBuilder sql = new StringBuilder("SELECT DISTINCT h.name, t.i FROM (VALUES ").append(values)
                        .append(") AS t (i, e, n, v) JOIN inv_package p ON p.ecosystem = t.e AND ")
                        .append(nameColumn(key)).append(" = t.n AND ").append(versionColumn(key))
                        .append(" = t.v JOIN inv_host h ON h.id = p.host_id");
                if (hosts != null) {
                    sql.append(" WHERE p.host_id IN (").append("?, ".repeat(hosts.size() - 1)).append("?)");
                    args.addAll(hosts);
                }
                jdbc.query(sql.toString(), (ResultSet rs) -> {
                    consumer.accept(rs.getString(1), rs.getInt(2));
                }, args.toArray());
            }
        }
    }

    private static String nameColumn(PackageKey key) {
        return key == PackageKey.SOURCE ? "p.source_name" : "p.name";
    }

    private static String versionColumn(PackageKey key) {
        return key == PackageKey.SOURCE ? "p.source_version" : "p.version";
    }

    /** Ecosystems by name, with or without release ("Debian" covers "Debian:12"); "1 = 1" when none given. */
    private static String ecosystemFilter(Collection<String> ecosystems, Map<String, Object> params) {
        if (ecosystems.isEmpty()) {
            return "1 = 1";
        }
        StringBuilder sql = new StringBuilder("(p.ecosystem IN (:ecosystems)");
        int i = 0;
        for (String ecosystem : ecosystems) {
            sql.append(" OR p.ecosystem LIKE :prefix").append(i);
            params.put("prefix" + i++, escapeLike(ecosystem) + ":%");
        }
        params.put("ecosystems", ecosystems);
        return sql.append(')').toString();
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
