package io.patchflow.advisory.store;

import io.patchflow.advisory.AdvisoryView;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvRange;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads stored advisories: views, aliases, scores, and the affected entries the matcher evaluates. */
@Repository
public class AdvisoryReader {

    private final NamedParameterJdbcTemplate named;

    public AdvisoryReader(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    public Optional<AdvisoryView> view(String id) {
        List<AdvisoryView> views = named.query("SELECT id, summary, cvss_score, cvss_vector, withdrawn "
                + "FROM adv_advisory WHERE id = :id", Map.of("id", id), (rs, row) -> new AdvisoryView(
                        rs.getString("id"), List.copyOf(aliasesOf(List.of(id)).getOrDefault(id, List.of())),
                        rs.getString("summary"), ecosystemsOf(id), rs.getBigDecimal("cvss_score"),
                        rs.getString("cvss_vector"), rs.getObject("withdrawn") != null));
        return views.stream().findFirst();
    }

    public Map<String, List<String>> aliasesOf(Collection<String> advisoryIds) {
        Map<String, List<String>> aliases = new HashMap<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(advisoryIds))) {
            named.query("SELECT advisory_id, alias FROM adv_alias WHERE advisory_id IN (:ids) ORDER BY alias",
                    Map.of("ids", chunk), (ResultSet rs) -> {
                        aliases.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        return aliases;
    }

    /** For each given id or alias, the stored advisories it names (by id, or by one of their aliases). */
    public Map<String, Set<String>> resolve(Collection<String> idsOrAliases) {
        Map<String, Set<String>> resolved = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(idsOrAliases))) {
            named.query("SELECT id, id FROM adv_advisory WHERE id IN (:names) "
                    + "UNION SELECT alias, advisory_id FROM adv_alias WHERE alias IN (:names)",
                    Map.of("names", chunk), (ResultSet rs) -> {
                        resolved.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                    });
        }
        return resolved;
    }

    public List<AdvisoryScore> scores(Collection<String> advisoryIds) {
        List<AdvisoryScore> scores = new ArrayList<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(advisoryIds))) {
            scores.addAll(named.query("SELECT id, cvss_score, cvss_vector, db_cvss_score FROM adv_advisory "
                    + "WHERE id IN (:ids) ORDER BY id", Map.of("ids", chunk), (rs, row) -> new AdvisoryScore(
                            rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getBigDecimal(4))));
        }
        return scores;
    }

    /**
     * The affected entries (with a package) of the given advisories, or of all advisories when {@code advisoryIds}
     * is empty; withdrawn advisories are left out because they never match.
     */
    public List<StoredAffected> affectedOf(Collection<String> advisoryIds) {
        if (advisoryIds.isEmpty()) {
            return affected(Map.of(), "");
        }
        List<StoredAffected> result = new ArrayList<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(advisoryIds))) {
            result.addAll(affected(Map.of("ids", chunk), " AND a.id IN (:ids)"));
        }
        return result;
    }

    private record Key(String advisoryId, int affectedIndex) {
    }

    private record RangeKey(String advisoryId, int affectedIndex, int rangeIndex) {
    }

    private List<StoredAffected> affected(Map<String, ?> params, String idFilter) {
        String where = " JOIN adv_advisory a ON a.id = x.advisory_id WHERE a.withdrawn IS NULL" + idFilter;
        Map<Key, String[]> packages = new LinkedHashMap<>();
        named.query("SELECT x.advisory_id, x.affected_index, x.ecosystem, x.package_name, x.purl, "
                + "x.database_specific, x.no_fix_reason FROM adv_affected x" + where + " AND x.ecosystem IS NOT NULL "
                + "ORDER BY x.advisory_id, x.affected_index", params, (ResultSet rs) -> {
                    packages.put(new Key(rs.getString(1), rs.getInt(2)), new String[] {rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
                });
        Map<Key, List<String>> versions = new HashMap<>();
        named.query("SELECT x.advisory_id, x.affected_index, x.version FROM adv_affected_version x" + where
                + " ORDER BY x.advisory_id, x.affected_index, x.version_index", params, (ResultSet rs) -> {
                    versions.computeIfAbsent(new Key(rs.getString(1), rs.getInt(2)), k -> new ArrayList<>())
                            .add(rs.getString(3));
                });
        Map<RangeKey, List<OsvEvent>> events = new HashMap<>();
        named.query("SELECT x.advisory_id, x.affected_index, x.range_index, x.event_type, x.version "
                + "FROM adv_range_event x" + where
                + " ORDER BY x.advisory_id, x.affected_index, x.range_index, x.event_index", params, (ResultSet rs) -> {
                    events.computeIfAbsent(new RangeKey(rs.getString(1), rs.getInt(2), rs.getInt(3)),
                            k -> new ArrayList<>()).add(new OsvEvent(rs.getString(4), rs.getString(5)));
                });
        Map<Key, List<OsvRange>> ranges = new HashMap<>();
        named.query("SELECT x.advisory_id, x.affected_index, x.range_index, x.range_type, x.repo FROM adv_range x"
                + where + " ORDER BY x.advisory_id, x.affected_index, x.range_index", params, (ResultSet rs) -> {
                    RangeKey key = new RangeKey(rs.getString(1), rs.getInt(2), rs.getInt(3));
                    ranges.computeIfAbsent(new Key(key.advisoryId(), key.affectedIndex()), k -> new ArrayList<>())
                            .add(new OsvRange(rs.getString(4), rs.getString(5), events.getOrDefault(key, List.of())));
                });
        List<StoredAffected> result = new ArrayList<>(packages.size());
        packages.forEach((key, p) -> result.add(new StoredAffected(key.advisoryId(), new OsvAffected(p[0], p[1],
                p[2], ranges.getOrDefault(key, List.of()), versions.getOrDefault(key, List.of()), p[3], p[4]))));
        return result;
    }

    private List<String> ecosystemsOf(String id) {
        return named.queryForList("SELECT DISTINCT ecosystem FROM adv_affected WHERE advisory_id = :id "
                + "AND ecosystem IS NOT NULL ORDER BY ecosystem", Map.of("id", id), String.class);
    }
}
