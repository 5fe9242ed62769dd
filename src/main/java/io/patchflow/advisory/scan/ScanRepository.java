package io.patchflow.advisory.scan;

import io.patchflow.advisory.scan.parse.ScannedFinding;
import io.patchflow.advisory.store.Chunks;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Imported reports ({@code scan_report}), their hosts and findings with aliases. */
@Repository
class ScanRepository {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ScanRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    long insertReport(String format, String scanner, int hosts, int findings, int suppressed, int duplicates,
            int informational, long bytes, String importedBy) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("INSERT INTO scan_report (format, scanner, hosts, "
                    + "findings, suppressed, duplicates, informational, bytes, imported_by, imported_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, format);
            ps.setString(2, scanner);
            ps.setInt(3, hosts);
            ps.setInt(4, findings);
            ps.setInt(5, suppressed);
            ps.setInt(6, duplicates);
            ps.setInt(7, informational);
            ps.setLong(8, bytes);
            ps.setString(9, importedBy);
            ps.setTimestamp(10, Timestamp.from(Instant.now()));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    void insertHosts(long scanId, Collection<String> hosts) {
        List<Object[]> rows = new ArrayList<>();
        int index = 0;
        for (String host : hosts) {
            rows.add(new Object[] {scanId, index++, host});
        }
        for (List<Object[]> chunk : batches(rows)) {
            jdbc.batchUpdate("INSERT INTO scan_host (scan_id, host_index, host) VALUES (?, ?, ?)", chunk,
                    new int[] {Types.BIGINT, Types.INTEGER, Types.VARCHAR});
        }
    }

    void insertFindings(long scanId, Collection<ScannedFinding> findings) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> aliases = new ArrayList<>();
        int index = 0;
        for (ScannedFinding f : findings) {
            int i = index++;
            rows.add(new Object[] {scanId, i, f.host(), f.target(), f.ecosystem(), f.packageName(), f.purl(),
                f.installedVersion(), f.fixedVersion(), f.vulnerabilityId(), f.severity(), f.cvssScore(), f.title(),
                f.status(), f.suppressed(), f.suppression()});
            f.aliases().forEach(alias -> aliases.add(new Object[] {scanId, i, alias}));
        }
        for (List<Object[]> chunk : batches(rows)) {
            jdbc.batchUpdate("INSERT INTO scan_finding (scan_id, finding_index, host, target, ecosystem, "
                    + "package_name, purl, installed_version, fixed_version, vulnerability_id, severity, cvss_score, "
                    + "title, status, suppressed, suppression) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    chunk, new int[] {Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                        Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR});
        }
        for (List<Object[]> chunk : batches(aliases)) {
            jdbc.batchUpdate("INSERT INTO scan_finding_alias (scan_id, finding_index, alias) VALUES (?, ?, ?)",
                    chunk, new int[] {Types.BIGINT, Types.INTEGER, Types.VARCHAR});
        }
    }

    Optional<ScanView> report(long id) {
        List<ScanView> found = jdbc.query("SELECT id, format, scanner, hosts, findings, suppressed, duplicates, "
                + "informational, bytes, imported_by, imported_at FROM scan_report WHERE id = ?",
                (rs, row) -> new ScanView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class), hostNames(rs.getLong(1))), id);
        return found.stream().findFirst();
    }

    /** A page of the imported reports, newest first, without their host names (read one report for those). */
    List<ScanView> reports(int page, int size) {
        return jdbc.query("SELECT id, format, scanner, hosts, findings, suppressed, duplicates, informational, bytes, "
                + "imported_by, imported_at FROM scan_report ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, row) -> new ScanView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class), null), (long) page * size, size);
    }

    long countReports() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM scan_report", Long.class);
        return count == null ? 0 : count;
    }

    boolean exists(long id) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM scan_report WHERE id = ?", Long.class, id);
        return count != null && count > 0;
    }

    private List<String> hostNames(long scanId) {
        return jdbc.queryForList("SELECT host FROM scan_host WHERE scan_id = ? ORDER BY host_index", String.class,
                scanId);
    }

    long countFindings(long scanId, boolean suppressed) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM scan_finding WHERE scan_id = ? AND suppressed = ?",
                Long.class, scanId, suppressed);
        return count == null ? 0 : count;
    }

    /** A page of the report's findings in report order, each with its aliases. */
    List<ScanFindingView> findings(long scanId, boolean suppressed, int page, int size) {
        Map<String, Object> params = Map.of("scan", scanId, "suppressed", suppressed, "offset", (long) page * size,
                "limit", size);
        List<Integer> indexes = new ArrayList<>();
        List<ScanFindingView> rows = named.query("SELECT f.finding_index, f.host, f.target, f.ecosystem, "
                + "f.package_name, f.purl, f.installed_version, f.fixed_version, f.vulnerability_id, f.severity, "
                + "f.cvss_score, f.title, f.status, f.suppressed, f.suppression, r.scanner FROM scan_finding f "
                + "JOIN scan_report r ON r.id = f.scan_id WHERE f.scan_id = :scan AND f.suppressed = :suppressed "
                + "ORDER BY f.finding_index OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", params, (rs, row) -> {
                    indexes.add(rs.getInt(1));
                    return new ScanFindingView(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), List.of(),
                            rs.getString(10), rs.getBigDecimal(11), rs.getString(12), rs.getString(13),
                            rs.getBoolean(14), rs.getString(15), rs.getString(16));
                });
        Map<Integer, List<String>> aliases = aliases(scanId, indexes);
        List<ScanFindingView> views = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ScanFindingView v = rows.get(i);
            views.add(new ScanFindingView(v.host(), v.target(), v.ecosystem(), v.packageName(), v.purl(),
                    v.installedVersion(), v.fixedVersion(), v.vulnerability(),
                    aliases.getOrDefault(indexes.get(i), List.of()), v.severity(), v.cvssScore(), v.title(),
                    v.status(), v.suppressed(), v.suppression(), v.scanner()));
        }
        return views;
    }

    private Map<Integer, List<String>> aliases(long scanId, List<Integer> indexes) {
        Map<Integer, List<String>> aliases = new HashMap<>();
        for (List<Integer> chunk : Chunks.of(indexes)) {
            named.query("SELECT finding_index, alias FROM scan_finding_alias WHERE scan_id = :scan AND "
                    + "finding_index IN (:indexes) ORDER BY finding_index, alias",
                    Map.of("scan", scanId, "indexes", chunk), (java.sql.ResultSet rs) -> {
                        aliases.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        return aliases;
    }

    private static <T> List<List<T>> batches(List<T> rows) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += BATCH) {
            batches.add(rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
        return batches;
    }
}
