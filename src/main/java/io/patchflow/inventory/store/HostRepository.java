package io.patchflow.inventory.store;

import io.patchflow.inventory.HostView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Hosts and their groups in {@code inv_host} and {@code inv_host_group}. */
@Repository
public class HostRepository {

    private static final String SELECT_HOST = "SELECT id, name, os, environment, criticality, internet_facing "
            + "FROM inv_host ";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    HostRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    public Optional<HostRow> find(String name) {
        return withGroups(jdbc.query(SELECT_HOST + "WHERE name = ?", HostRepository::hostWithoutGroups, name))
                .stream().findFirst();
    }

    /** The named hosts that exist, in name order. */
    public List<HostRow> findAll(Collection<String> names) {
        return withGroups(findAllWithoutGroups(names));
    }

    /**
     * The named hosts that exist, in name order, with their groups left empty: for callers that need a host's id,
     * name or operating system only (applying package updates, matching), a query less per call.
     */
    public List<HostRow> findAllWithoutGroups(Collection<String> names) {
        List<HostRow> hosts = new ArrayList<>();
        for (List<String> chunk : Chunks.of(new TreeSet<>(names))) {
            hosts.addAll(named.query(SELECT_HOST + "WHERE name IN (:names)", Map.of("names", chunk),
                    HostRepository::hostWithoutGroups));
        }
        hosts.sort(Comparator.comparing(h -> h.view().name()));
        return hosts;
    }

    /** Hosts in name order, optionally only those of one environment and/or one group. */
    public List<HostRow> list(String environment, String group) {
        StringBuilder sql = new StringBuilder(SELECT_HOST + "WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (environment != null) {
            sql.append(" AND environment = :environment");
            params.put("environment", environment);
        }
        if (group != null) {
            sql.append(" AND id IN (SELECT host_id FROM inv_host_group WHERE group_name = :group)");
            params.put("group", group);
        }
        sql.append(" ORDER BY name");
        return withGroups(named.query(sql.toString(), params, HostRepository::hostWithoutGroups));
    }

    public void insert(Collection<HostView> hosts) {
        jdbc.batchUpdate("INSERT INTO inv_host (name, os, environment, criticality, internet_facing, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                hosts.stream().map(h -> new Object[] {h.name(), h.os(), h.environment(), h.criticality(),
                        h.internetFacing()}).toList(),
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN});
    }

    public void update(Collection<HostRow> hosts) {
        jdbc.batchUpdate("UPDATE inv_host SET os = ?, environment = ?, criticality = ?, internet_facing = ?, "
                + "updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                hosts.stream().map(h -> new Object[] {h.view().os(), h.view().environment(), h.view().criticality(),
                        h.view().internetFacing(), h.id()}).toList(),
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.BIGINT});
    }

    /** Sets each host's groups to exactly those given. */
    public void replaceGroups(Collection<HostRow> hosts) {
        List<Object[]> deletes = hosts.stream().map(h -> new Object[] {h.id()}).toList();
        jdbc.batchUpdate("DELETE FROM inv_host_group WHERE host_id = ?", deletes, new int[] {Types.BIGINT});
        List<Object[]> inserts = hosts.stream()
                .flatMap(h -> h.view().groups().stream().map(g -> new Object[] {h.id(), g}))
                .toList();
        jdbc.batchUpdate("INSERT INTO inv_host_group (host_id, group_name) VALUES (?, ?)", inserts,
                new int[] {Types.BIGINT, Types.VARCHAR});
    }

    private List<HostRow> withGroups(List<HostRow> hosts) {
        if (hosts.isEmpty()) {
            return hosts;
        }
        Map<Long, List<String>> groups = new HashMap<>();
        for (List<Long> chunk : Chunks.of(hosts.stream().map(HostRow::id).toList())) {
            named.query("SELECT host_id, group_name FROM inv_host_group WHERE host_id IN (:ids) ORDER BY group_name",
                    Map.of("ids", chunk), (ResultSet rs) -> {
                        groups.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        return hosts.stream().map(h -> new HostRow(h.id(), new HostView(h.view().name(), h.view().os(),
                h.view().environment(), List.copyOf(groups.getOrDefault(h.id(), List.of())), h.view().criticality(),
                h.view().internetFacing()))).toList();
    }

    private static HostRow hostWithoutGroups(ResultSet rs, int row) throws SQLException {
        return new HostRow(rs.getLong("id"), new HostView(rs.getString("name"), rs.getString("os"),
                rs.getString("environment"), List.of(), rs.getString("criticality"),
                rs.getBoolean("internet_facing")));
    }
}
