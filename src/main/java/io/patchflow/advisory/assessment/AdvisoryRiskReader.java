package io.patchflow.advisory.assessment;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the risk figures of every advisory in two queries, for a whole assessment: the same figures as
 * {@code RiskSignalsCalculator} gives for one set of advisories, but per advisory and without a query per advisory.
 */
@Repository
class AdvisoryRiskReader {

    /** Every CVE id an advisory carries: its own id when it is one, and its CVE aliases. */
    private static final String CVE_IDS = "SELECT id AS advisory_id, id AS cve_id FROM adv_advisory "
            + "WHERE id LIKE 'CVE-%' UNION SELECT advisory_id, alias FROM adv_alias WHERE alias LIKE 'CVE-%'";

    private final JdbcTemplate jdbc;

    AdvisoryRiskReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, AdvisoryRisk> all() {
        Map<String, Double> cvss = new HashMap<>();
        jdbc.query("SELECT id, cvss_score, db_cvss_score FROM adv_advisory", rs -> {
            cvss.put(rs.getString(1), max(rs.getBigDecimal(2), rs.getBigDecimal(3)));
        });
        Map<String, AdvisoryRisk> risks = new HashMap<>();
        cvss.forEach((id, score) -> risks.put(id, new AdvisoryRisk(score, null, false, null)));
        jdbc.query("SELECT c.advisory_id, MAX(e.probability), COUNT(k.cve_id), MIN(k.due_date) FROM (" + CVE_IDS
                + ") c LEFT JOIN adv_epss e ON e.cve_id = c.cve_id LEFT JOIN adv_kev k ON k.cve_id = c.cve_id "
                + "GROUP BY c.advisory_id", rs -> {
                    String id = rs.getString(1);
                    BigDecimal epss = rs.getBigDecimal(2);
                    Date kevDue = rs.getDate(4);
                    risks.put(id, new AdvisoryRisk(cvss.get(id), epss == null ? null : epss.doubleValue(),
                            rs.getLong(3) > 0, kevDue == null ? null : kevDue.toLocalDate()));
                });
        return risks;
    }

    private static Double max(BigDecimal a, BigDecimal b) {
        BigDecimal max = a == null ? b : (b == null ? a : a.max(b));
        return max == null ? null : Double.valueOf(max.doubleValue());
    }
}
