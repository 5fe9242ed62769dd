package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.PriorityPolicy.Decision;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the finding write alone (stage by COPY + merge + resolve) on the machine's PostgreSQL, in a schema of its
 * own: {@code java ... FindingWriteBenchmark <hosts> <findingsPerHost>}. Not a test: run by hand for
 * docs/findings.md. Three assessments: all new; all still open; 10% of hosts patched (resolved) and as many new.
 */
public final class FindingWriteBenchmark {

    public static void main(String[] args) {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Decision decision = new Decision("P3", 60, "Medium severity");
        try (FindingWriteDatabases db = FindingWriteDatabases.postgres()) {
            List<StageRow> first = rows(hosts, perHost, 0, decision);
            run(db, "1 all new", first);
            run(db, "2 all still open", first);
            run(db, "3 10% resolved, 10% new", rows(hosts, perHost, hosts / 10, decision));
        }
    }

    static List<StageRow> rows(int hosts, int perHost, int shifted, Decision decision) {
        List<StageRow> rows = new ArrayList<>(hosts * perHost);
        for (int h = 0; h < hosts; h++) {
            String host = "host-" + h;
            String version = h < shifted ? "2.0-1" : "1.0-1";
            for (int p = 0; p < perHost; p++) {
                rows.add(new StageRow(Finding.matched(host, "Debian:12", "package-" + p, version, "DSA-" + (1000 + p),
                        List.of(), "2.0-2", null), decision, AdvisoryRisk.UNKNOWN));
            }
        }
        return rows;
    }

    static void run(FindingWriteDatabases db, String label, List<StageRow> rows) {
        long start = System.nanoTime();
        long[] split = new long[2];
        FindingMerge.Outcome outcome = db.transaction.execute(status -> {
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long id = db.findings.insertAssessment(at, "benchmark");
            long staged = db.stage.fill(id, rows.iterator());
            split[0] = System.nanoTime();
            FindingMerge.Outcome o = db.merge.merge(id, at, staged);
            split[1] = System.nanoTime();
            db.stage.clear(id);
            return o;
        });
        long end = System.nanoTime();
        System.out.printf("%s: %,d findings, %s; stage %,d ms, merge %,d ms, clear+commit %,d ms, total %,d ms%n",
                label, rows.size(), outcome, (split[0] - start) / 1_000_000, (split[1] - split[0]) / 1_000_000,
                (end - split[1]) / 1_000_000, (end - start) / 1_000_000);
    }
}
