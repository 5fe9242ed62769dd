package io.patchflow.advisory.store;

import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvRange;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes advisories with all their parts in batches: one statement per table per batch of advisories. Each advisory
 * remembers the feed that wrote it ({@link #OSV} or {@link #DEBIAN_TRACKER}); a feed that is replaced as a whole
 * also gives the load that wrote it and a hash of its content.
 */
@Repository
public class AdvisoryWriter {

    public static final String OSV = "osv";
    public static final String DEBIAN_TRACKER = "debian-tracker";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public AdvisoryWriter(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** The stored {@code modified} of those ids that are stored. */
    public Map<String, OffsetDateTime> modifiedOf(Collection<String> ids) {
        Map<String, OffsetDateTime> modified = new HashMap<>();
        for (List<String> chunk : Chunks.of(ids)) {
            named.query("SELECT id, modified FROM adv_advisory WHERE id IN (:ids)", Map.of("ids", chunk),
                    (java.sql.ResultSet rs) -> {
                        modified.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                    });
        }
        return modified;
    }

    /** Deletes advisories with everything that belongs to them (the foreign keys cascade). */
    public void delete(Collection<String> ids) {
        jdbc.batchUpdate("DELETE FROM adv_advisory WHERE id = ?", ids.stream().map(id -> new Object[] {id}).toList(),
                new int[] {Types.VARCHAR});
    }

    /** The stored content hashes of those ids that are stored and were written by {@code source}. */
    public Map<String, String> hashesOf(Collection<String> ids, String source) {
        Map<String, String> hashes = new HashMap<>();
        for (List<String> chunk : Chunks.of(ids)) {
            named.query("SELECT id, content_hash FROM adv_advisory WHERE source = :source AND id IN (:ids)",
                    Map.of("ids", chunk, "source", source), (java.sql.ResultSet rs) -> {
                        hashes.put(rs.getString(1), rs.getString(2));
                    });
        }
        return hashes;
    }

    /** Marks unchanged advisories as part of the load {@code loadId}, so they survive its clean-up. */
    public void keepInLoad(Collection<String> ids, long loadId) {
        for (List<String> chunk : Chunks.of(ids)) {
            named.update("UPDATE adv_advisory SET load_id = :load WHERE id IN (:ids)",
                    Map.of("ids", chunk, "load", loadId));
        }
    }

    /** Deletes the advisories of {@code source} that the load {@code loadId} did not write or keep. */
    public int deleteNotInLoad(String source, long loadId) {
        return jdbc.update("DELETE FROM adv_advisory WHERE source = ? AND (load_id IS NULL OR load_id <> ?)", source,
                loadId);
    }

    /** Inserts OSV advisories. */
    public void insert(List<OsvAdvisory> advisories) {
        insert(advisories, OSV, null, Map.of());
    }

    /**
     * Inserts advisories written by {@code source} in load {@code loadId} (null when the feed is not replaced as a
     * whole), with the content hashes given per id.
     */
    public void insert(List<OsvAdvisory> advisories, String source, Long loadId, Map<String, String> hashes) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> aliases = new ArrayList<>();
        List<Object[]> affected = new ArrayList<>();
        List<Object[]> versions = new ArrayList<>();
        List<Object[]> ranges = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (OsvAdvisory a : advisories) {
            rows.add(new Object[] {a.id(), a.summary(), a.modified(), a.published(), a.withdrawn(), a.cvssVector(),
                a.cvssScore(), a.databaseCvssScore(), a.databaseSpecific(), source, hashes.get(a.id()), loadId});
            a.aliases().forEach(alias -> aliases.add(new Object[] {a.id(), alias}));
            for (int i = 0; i < a.affected().size(); i++) {
                OsvAffected entry = a.affected().get(i);
                affected.add(new Object[] {a.id(), i, entry.ecosystem(), entry.name(), entry.purl(),
                    entry.databaseSpecific(), entry.noFixReason()});
                for (int v = 0; v < entry.versions().size(); v++) {
                    versions.add(new Object[] {a.id(), i, v, entry.versions().get(v)});
                }
                for (int r = 0; r < entry.ranges().size(); r++) {
                    OsvRange range = entry.ranges().get(r);
                    ranges.add(new Object[] {a.id(), i, r, range.type(), range.repo()});
                    for (int e = 0; e < range.events().size(); e++) {
                        OsvEvent event = range.events().get(e);
                        events.add(new Object[] {a.id(), i, r, e, event.type(), event.version()});
                    }
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO adv_advisory (id, summary, modified, published, withdrawn, cvss_vector, "
                + "cvss_score, db_cvss_score, database_specific, source, content_hash, load_id, imported_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)", rows,
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.NUMERIC,
                    Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT});
        jdbc.batchUpdate("INSERT INTO adv_alias (advisory_id, alias) VALUES (?, ?)", aliases,
                new int[] {Types.VARCHAR, Types.VARCHAR});
        jdbc.batchUpdate("INSERT INTO adv_affected (advisory_id, affected_index, ecosystem, package_name, purl, "
                + "database_specific, no_fix_reason) VALUES (?, ?, ?, ?, ?, ?, ?)", affected,
                new int[] {Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR});
        jdbc.batchUpdate("INSERT INTO adv_affected_version (advisory_id, affected_index, version_index, version) "
                + "VALUES (?, ?, ?, ?)", versions, new int[] {Types.VARCHAR, Types.INTEGER, Types.INTEGER,
                    Types.VARCHAR});
        jdbc.batchUpdate("INSERT INTO adv_range (advisory_id, affected_index, range_index, range_type, repo) "
                + "VALUES (?, ?, ?, ?, ?)", ranges, new int[] {Types.VARCHAR, Types.INTEGER, Types.INTEGER,
                    Types.VARCHAR, Types.VARCHAR});
        jdbc.batchUpdate("INSERT INTO adv_range_event (advisory_id, affected_index, range_index, event_index, "
                + "event_type, version) VALUES (?, ?, ?, ?, ?, ?)", events, new int[] {Types.VARCHAR, Types.INTEGER,
                    Types.INTEGER, Types.INTEGER, Types.VARCHAR, Types.VARCHAR});
    }
}
