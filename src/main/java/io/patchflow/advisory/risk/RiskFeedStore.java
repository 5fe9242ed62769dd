package io.patchflow.advisory.risk;

import io.patchflow.advisory.EpssScore;
import io.patchflow.advisory.KevEntry;
import io.patchflow.advisory.RiskFeeds;
import io.patchflow.advisory.store.Chunks;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** KEV entries ({@code adv_kev}) and EPSS scores ({@code adv_epss}), upserted by CVE id. */
@Repository
public class RiskFeedStore implements RiskFeeds {

    /** A KEV listing or EPSS score found for a CVE. */
    public record KevListing(String cveId, LocalDate dateAdded, LocalDate dueDate) {
    }

    public record Epss(String cveId, BigDecimal probability, LocalDate date, String modelVersion) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    RiskFeedStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    @Override
    @Transactional
    public int storeKev(Collection<KevEntry> entries, String catalogVersion) {
        Map<String, KevEntry> unique = new LinkedHashMap<>();
        entries.forEach(e -> unique.put(e.cveId(), e));
        deleteByCve("adv_kev", unique.keySet());
        jdbc.batchUpdate("INSERT INTO adv_kev (cve_id, vendor_project, product, vulnerability_name, date_added, "
                + "due_date, known_ransomware, catalog_version, loaded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                unique.values().stream().map(e -> new Object[] {e.cveId(), e.vendorProject(), e.product(),
                        e.vulnerabilityName(), e.dateAdded(), e.dueDate(), e.knownRansomwareCampaignUse(),
                        catalogVersion}).toList(),
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.DATE,
                    Types.VARCHAR, Types.VARCHAR});
        return unique.size();
    }

    @Override
    @Transactional
    public int storeEpss(Collection<EpssScore> scores, String modelVersion) {
        Map<String, EpssScore> unique = new LinkedHashMap<>();
        scores.forEach(s -> unique.put(s.cveId(), s));
        deleteByCve("adv_epss", unique.keySet());
        jdbc.batchUpdate("INSERT INTO adv_epss (cve_id, probability, percentile, score_date, model_version, "
                + "loaded_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                unique.values().stream().map(s -> new Object[] {s.cveId(), s.probability(), s.percentile(),
                        s.date(), modelVersion}).toList(),
                new int[] {Types.VARCHAR, Types.NUMERIC, Types.NUMERIC, Types.DATE, Types.VARCHAR});
        return unique.size();
    }

    public List<KevListing> kevListings(Collection<String> cveIds) {
        List<KevListing> listings = new ArrayList<>();
        for (List<String> chunk : Chunks.of(cveIds)) {
            listings.addAll(named.query("SELECT cve_id, date_added, due_date FROM adv_kev "
                    + "WHERE cve_id IN (:ids) ORDER BY cve_id", Map.of("ids", chunk),
                    (rs, row) -> new KevListing(rs.getString(1), rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class))));
        }
        return listings;
    }

    public List<Epss> epss(Collection<String> cveIds) {
        List<Epss> scores = new ArrayList<>();
        for (List<String> chunk : Chunks.of(cveIds)) {
            scores.addAll(named.query("SELECT cve_id, probability, score_date, model_version "
                    + "FROM adv_epss WHERE cve_id IN (:ids) ORDER BY cve_id", Map.of("ids", chunk),
                    (rs, row) -> new Epss(rs.getString(1), rs.getBigDecimal(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4))));
        }
        return scores;
    }

    private void deleteByCve(String table, Collection<String> cveIds) {
        for (List<String> chunk : Chunks.of(cveIds)) {
            named.update("DELETE FROM " + table + " WHERE cve_id IN (:ids)", Map.of("ids", chunk));
        }
    }
}
