package io.patchflow.advisory.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.PriorityPolicy.Decision;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The set-based write on both databases Patchflow runs on (COPY on PostgreSQL, batches on H2): new, still open and
 * resolved counts, reopening, the SLA running from the day a finding opened with KEV's due date when sooner, and
 * text that COPY must escape.
 */
class FindingWriteTest {

    static Stream<FindingWriteDatabases> databases() {
        return Stream.of(FindingWriteDatabases.h2(), FindingWriteDatabases.postgres());
    }

    static final Decision P4 = new Decision("P4", 90, "Low severity or no score");
    static final Decision P1 = new Decision("P1", 7, "Known exploited vulnerability (CISA KEV)");
    static final String AWKWARD = "ignored:\tminor issue\nsee \\N and C:\\temp\r";

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void assessmentsTellNewStillOpenAndResolvedAndReopenAResolvedFinding(FindingWriteDatabases db) {
        try (db) {
            Instant day1 = Instant.parse("2026-03-01T10:00:00Z");
            LocalDate kevDue = LocalDate.of(2026, 3, 4);
            StageRow a = row(fix("h1", "openssl", "1.0-1", "ADV-A", "1.0-2"), P4, AdvisoryRisk.UNKNOWN);
            StageRow b = row(Finding.matched("h1", "Debian:12", "tar", "1.34", "ADV-B", List.of(), null, AWKWARD), P4,
                    AdvisoryRisk.UNKNOWN);
            assertThat(write(db, day1, a, b)).isEqualTo(new FindingMerge.Outcome(2, 0, 0));

            Instant day2 = Instant.parse("2026-03-02T10:00:00Z");
            StageRow bFixed = row(fix("h1", "tar", "1.34", "ADV-B", "1.35"), P1,
                    new AdvisoryRisk(9.8, 0.5, true, kevDue));
            StageRow c = row(fix("h2", "openssl", "1.0-1", "ADV-A", "1.0-2"), P4, AdvisoryRisk.UNKNOWN);
            assertThat(write(db, day2, bFixed, c)).isEqualTo(new FindingMerge.Outcome(1, 1, 1));

            Map<String, Object> resolved = finding(db, "h1", "ADV-A");
            assertThat(resolved.get("resolved_at")).isNotNull();
            Map<String, Object> fixedLater = finding(db, "h1", "ADV-B");
            assertThat(fixedLater.get("status")).isEqualTo("FIX_AVAILABLE");
            assertThat(((Number) fixedLater.get("fix_assessment_id")).longValue())
                    .isEqualTo(((Number) fixedLater.get("assessment_id")).longValue());
            // Opened on day 1: P1's 7 days would end on 8 March, KEV's due date (4 March) comes first.
            assertThat(date(fixedLater.get("sla_due"))).isEqualTo(kevDue);
            assertThat(fixedLater.get("reason")).isNull();
            assertThat(date(finding(db, "h2", "ADV-A").get("sla_due"))).isEqualTo(LocalDate.of(2026, 5, 31));

            Instant day3 = Instant.parse("2026-03-10T10:00:00Z");
            assertThat(write(db, day3, a, bFixed, c)).isEqualTo(new FindingMerge.Outcome(1, 2, 0));
            Map<String, Object> reopened = finding(db, "h1", "ADV-A");
            assertThat(reopened.get("resolved_at")).isNull();
            assertThat(date(reopened.get("opened_on"))).isEqualTo(LocalDate.of(2026, 3, 10));
            assertThat(date(reopened.get("sla_due"))).isEqualTo(LocalDate.of(2026, 6, 8));
            assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM adv_finding_stage", Integer.class)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void textWithTabsNewlinesAndBackslashesArrivesUnchanged(FindingWriteDatabases db) {
        try (db) {
            StageRow b = row(Finding.matched("h\\1", "Debian:12", "tar", "1.34", "ADV-B", List.of(), null, AWKWARD),
                    P4, AdvisoryRisk.UNKNOWN);
            write(db, Instant.parse("2026-03-01T10:00:00Z"), b);
            assertThat(finding(db, "h\\1", "ADV-B").get("reason")).isEqualTo(AWKWARD);
        }
    }

    static FindingMerge.Outcome write(FindingWriteDatabases db, Instant at, StageRow... rows) {
        return db.transaction.execute(status -> {
            Instant started = at.truncatedTo(ChronoUnit.MICROS);
            long id = db.findings.insertAssessment(started, "tester");
            long staged = db.stage.fill(id, List.of(rows).iterator());
            FindingMerge.Outcome outcome = db.merge.merge(id, started, staged);
            db.stage.clear(id);
            return outcome;
        });
    }

    static Map<String, Object> finding(FindingWriteDatabases db, String host, String advisory) {
        Map<String, Object> row = new java.util.HashMap<>();
        db.jdbc.queryForMap("SELECT * FROM adv_finding WHERE host = ? AND advisory_id = ?", host, advisory)
                .forEach((k, v) -> row.put(k.toLowerCase(), v));
        return row;
    }

    static LocalDate date(Object value) {
        return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    }

    static Finding fix(String host, String pkg, String version, String advisory, String fixed) {
        return Finding.matched(host, "Debian:12", pkg, version, advisory, List.of(), fixed, null);
    }

    static StageRow row(Finding f, Decision d, AdvisoryRisk r) {
        return new StageRow(f, d, r);
    }
}
