package io.patchflow.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator and measurement for bench/run.sh: lifecycle throughput of standard changes beside a trivial process,
 * and Tasklist's CAB query with 10,000 open CAB tasks. Talks to one running Patchflow over HTTP (127.0.0.1 only) and
 * reads its PostgreSQL database over JDBC for timings and counts. JDK only, plus the PostgreSQL JDBC driver on the
 * class path; run with the source launcher: {@code java -cp postgresql.jar PatchflowBenchmark.java}.
 * Deliberately not named *Test: the normal test suite does not run it.
 *
 * Configuration by system properties (bench/run.sh passes them): bench.url, bench.jdbc, bench.phases
 * (trivial,lifecycle,cab), bench.changes, bench.clients, bench.trivialSeconds, bench.cabInstances, bench.queries,
 * bench.lifecycleTimeout, bench.appPid, bench.out.
 */
public final class PatchflowBenchmark {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final String ADVISORY = "BENCH-2026-0001";

    final String url = System.getProperty("bench.url", "http://127.0.0.1:18100");
    final String jdbc = System.getProperty("bench.jdbc");
    final int changes = Integer.getInteger("bench.changes", 300);
    final int clients = Integer.getInteger("bench.clients", 4);
    final int trivialSeconds = Integer.getInteger("bench.trivialSeconds", 20);
    final int cabInstances = Integer.getInteger("bench.cabInstances", 2000);
    final int cabVotes = Integer.getInteger("bench.cabVotes", 5);
    final int queries = Integer.getInteger("bench.queries", 300);
    /** Time limit of the timed CAB queries: the run stays bounded even when each query takes seconds. */
    final int queryBudget = Integer.getInteger("bench.queryBudgetSeconds", 90);
    final int lifecycleTimeout = Integer.getInteger("bench.lifecycleTimeout", 300);
    final long appPid = Long.getLong("bench.appPid", -1);
    final String phases = System.getProperty("bench.phases", "trivial,lifecycle,cab");
    final Path out = Path.of(System.getProperty("bench.out", "bench-results.txt"));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    final Map<String, String> results = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        new PatchflowBenchmark().run();
    }

    void run() throws Exception {
        Locale.setDefault(Locale.ROOT);
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            db.setAutoCommit(true);
            grantAdmin(db);
            if (phases.contains("trivial")) {
                trivial(db);
            }
            if (phases.contains("lifecycle")) {
                lifecycle(db);
            }
            if (phases.contains("cab")) {
                cabQuery(db);
            }
        }
        StringBuilder sb = new StringBuilder();
        results.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(out, sb.toString());
        System.out.println("\n==== RESULTS ====");
        System.out.print(sb);
    }

    /**
     * Work-around: the demo user admin is in group camunda-admin, but that group has no grants on deployments,
     * process definitions or instances (the engine does not treat it as an admin group by itself), so the engine
     * REST API refuses admin's deployment of the trivial processes and the start of the CAB instances. The
     * benchmark grants them in its throw-away database; carol's query is not affected (other group).
     */
    static void grantAdmin(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (int type : new int[] {6, 8, 9}) { // process definition, process instance, deployment
                s.executeUpdate("insert into act_ru_authorization (id_, rev_, type_, group_id_, resource_type_, "
                        + "resource_id_, perms_) select 'bench-admin-" + type + "', 1, 1, 'camunda-admin', " + type
                        + ", '*', 2147483647 where not exists (select 1 from act_ru_authorization where type_ = 1 "
                        + "and group_id_ = 'camunda-admin' and resource_type_ = " + type + " and resource_id_ = '*')");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Trivial processes: start -> end (synchronous), and start -> async no-op -> end (one job, like every step of
    // the lifecycle). Same engine, database, history level and authorizations as the lifecycle.

    static final String TRIVIAL_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="bench" targetNamespace="https://patchflow.io/bench">
              <bpmn:process id="bench-trivial-sync" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
                <bpmn:endEvent id="e"/>
              </bpmn:process>
              <bpmn:process id="bench-trivial-async" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="s2"/><bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="noop"/>
                <bpmn:task id="noop" camunda:asyncBefore="true"/>
                <bpmn:sequenceFlow id="f3" sourceRef="noop" targetRef="e2"/><bpmn:endEvent id="e2"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    void trivial(Connection db) throws Exception {
        String boundary = "----patchflowbench";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nbench\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"bench.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(TRIVIAL_BPMN.getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/engine-rest/deployment/create"))
                .header("Authorization", basic("admin")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, "deploy trivial processes");

        for (String key : List.of("bench-trivial-sync", "bench-trivial-async")) {
            String start = url + "/engine-rest/process-definition/key/" + key + "/start";
            // warm-up
            for (int i = 0; i < 50; i++) {
                check(post(start, "admin", "{\"businessKey\":\"warm-" + i + "\"}"), "start " + key);
            }
            awaitNoRunning(db, key, 60);
            long startedAt = System.currentTimeMillis();
            AtomicInteger started = new AtomicInteger();
            Timer.Totals totals = runFor(clients, trivialSeconds, n -> {
                check(post(start, "admin", "{\"businessKey\":\"b-" + n + "\"}"), "start " + key);
                started.incrementAndGet();
            });
            boolean done = awaitNoRunning(db, key, 120);
            long[] w = window(db, """
                    select count(*), extract(epoch from min(start_time_))*1000, extract(epoch from max(end_time_))*1000
                    from act_hi_procinst p where proc_def_key_ = ? and business_key_ like 'b-%' and end_time_ is not null
                    """, key);
            double perMin = w[0] * 60_000.0 / Math.max(1, w[2] - w[1]);
            String name = key.endsWith("async") ? "trivialAsync" : "trivialSync";
            results.put(name + ".started", String.valueOf(started.get()));
            results.put(name + ".completed", String.valueOf(w[0]));
            results.put(name + ".allCompleted", String.valueOf(done));
            results.put(name + ".seconds", String.format("%.1f", (w[2] - w[1]) / 1000.0));
            results.put(name + ".perMinute", String.format("%.0f", perMin));
            results.put(name + ".startRequestP50ms", String.format("%.1f", totals.percentile(50)));
            System.out.printf("%s: %d completed in %.1f s = %.0f processes/min (start request p50 %.1f ms)%n", key,
                    w[0], (w[2] - w[1]) / 1000.0, perMin, totals.percentile(50));
            System.out.println("  client wall " + (System.currentTimeMillis() - startedAt) + " ms");
        }
    }

    boolean awaitNoRunning(Connection db, String key, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (count(db, "select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
                    + "where d.key_ = '" + key + "'") == 0) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lifecycle: N standard changes, each on its own 10 hosts, all requested at once through the API, until every
    // one is closed (or the time limit).

    void lifecycle(Connection db) throws Exception {
        System.out.println("Lifecycle: importing " + (changes + 1) * 10 + " hosts and one advisory");
        for (int from = 0; from <= changes; from += 50) {
            StringBuilder hosts = new StringBuilder("{\"hosts\":[");
            for (int c = from; c < Math.min(changes + 1, from + 50); c++) {
                for (int h = 1; h <= 10; h++) {
                    String env = h <= 2 ? "test" : h <= 6 ? "staging" : "prod";
                    if (hosts.charAt(hosts.length() - 1) != '[') {
                        hosts.append(',');
                    }
                    hosts.append(String.format("{\"name\":\"%s\",\"os\":\"Debian:12\",\"environment\":\"%s\","
                            + "\"groups\":[\"bench\"],\"criticality\":\"low\",\"internetFacing\":false,\"packages\":"
                            + "[{\"name\":\"benchlib\",\"version\":\"1.0-1\",\"source\":\"benchlib\","
                            + "\"sourceVersion\":\"1.0-1\",\"arch\":\"amd64\"}]}", host(c, h), env));
                }
            }
            hosts.append("]}");
            check(post(url + "/api/v1/inventory", "alice", hosts.toString()), "import hosts");
        }
        String osv = """
                {"schema_version":"1.6.0","id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"benchlib: medium severity issue (benchmark advisory)",
                 "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"benchlib"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}
                """.formatted(ADVISORY);
        check(post(url + "/api/v1/advisories", "alice", osv), "import advisory");
        // After a bulk import autovacuum analyzes the imported tables within a minute; do it now, so the measurement
        // sees the plans a fleet of this size gets in operation rather than those of an empty table. Only these:
        // statistics taken of the engine's tables while they are still empty would mislead the planner later.
        try (var statement = db.createStatement()) {
            statement.execute("ANALYZE inv_host, inv_host_group, inv_package, adv_advisory, adv_affected");
        }

        // One warm-up change (JIT, caches, DMN parsing), not counted.
        String warm = requestChange(0, "warm-up");
        awaitFinal(db, "'" + warm + "'", 1, 120);
        String warmState = string(db, "select state from chg_change where id = '" + warm + "'");
        System.out.println("Warm-up change " + warm + " ended " + warmState + " type "
                + string(db, "select change_type from chg_change where id = '" + warm + "'"));
        if (!"CLOSED".equals(warmState)) {
            throw new IllegalStateException("The warm-up change did not close (" + warmState + "); is it standard?");
        }

        Map<String, Long> before = dbStats(db);
        Map<String, Long> jobsBefore = jobLog(db);
        long t0 = System.currentTimeMillis();
        Sampler sampler = new Sampler(db, appPid);
        Thread samplerThread = new Thread(sampler, "sampler");
        samplerThread.start();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        Timer.Totals submit = runCount(clients, changes, n -> ids.add(requestChange(n + 1, "bench")));
        long submitted = System.currentTimeMillis();
        System.out.printf("Lifecycle: %d changes requested in %.1f s (request p50 %.0f ms, p95 %.0f ms)%n", ids.size(),
                (submitted - t0) / 1000.0, submit.percentile(50), submit.percentile(95));
        String in = "'" + String.join("','", ids) + "'";
        boolean all = awaitFinal(db, in, ids.size(), lifecycleTimeout);
        sampler.stop = true;
        samplerThread.join();
        Thread.sleep(1500); // let PostgreSQL flush its statistics
        Map<String, Long> after = dbStats(db);
        Map<String, Long> jobsAfter = jobLog(db);

        long closed = count(db, "select count(*) from chg_change where state = 'CLOSED' and id in (" + in + ")");
        long[] w = window(db, """
                select count(*), extract(epoch from min(created_at))*1000, extract(epoch from max(closed_at))*1000
                from chg_change where state = 'CLOSED' and title like ?
                """, "bench %");
        double seconds = (w[2] - w[1]) / 1000.0;
        double perMin = closed * 60.0 / seconds;
        // Steady state: closures between the 10th and the 90th percentile of closing times.
        List<Long> closes = longs(db, "select extract(epoch from closed_at)*1000 from chg_change where state = 'CLOSED'"
                + " and title like 'bench %' order by closed_at");
        double steady = Double.NaN;
        if (closes.size() >= 20) {
            int a = closes.size() / 10;
            int b = closes.size() * 9 / 10;
            steady = (b - a) * 60_000.0 / Math.max(1, closes.get(b) - closes.get(a));
        }
        List<Long> latencies = longs(db, "select extract(epoch from (closed_at - created_at))*1000 from chg_change "
                + "where state = 'CLOSED' and title like 'bench %' order by 1");
        results.put("lifecycle.requested", String.valueOf(ids.size()));
        results.put("lifecycle.closed", String.valueOf(closed));
        results.put("lifecycle.allClosed", String.valueOf(all));
        results.put("lifecycle.notClosedStates", string(db, "select coalesce(string_agg(state || ':' || n, ','), '-')"
                + " from (select state, count(*) n from chg_change where id in (" + in + ") and state <> 'CLOSED'"
                + " group by state) s"));
        results.put("lifecycle.seconds", String.format("%.1f", seconds));
        results.put("lifecycle.changesPerMinute", String.format("%.1f", perMin));
        results.put("lifecycle.steadyChangesPerMinute", String.format("%.1f", steady));
        results.put("lifecycle.latencyP50s", String.format("%.1f", pct(latencies, 50) / 1000.0));
        results.put("lifecycle.latencyP95s", String.format("%.1f", pct(latencies, 95) / 1000.0));
        results.put("lifecycle.requestP50ms", String.format("%.0f", submit.percentile(50)));

        // Where the time goes.
        long n = Math.max(1, closed);
        jobsAfter.replaceAll((k, v) -> v - jobsBefore.getOrDefault(k, 0L));
        results.put("profile.jobsExecutedPerChange", String.format("%.1f", jobsAfter.getOrDefault("2", 0L) / (double) n));
        results.put("profile.jobFailuresPerChange", String.format("%.2f", jobsAfter.getOrDefault("1", 0L) / (double) n));
        results.put("profile.jobsPerChangeByActivity", string(db, """
                select string_agg(act_id_ || ':' || round(c::numeric / %d, 1), ' ' order by c desc) from (
                  select act_id_, count(*) c from act_hi_job_log j where job_state_ = 2 and root_proc_inst_id_ in (
                    select process_instance_id from chg_change where id in (%s)) group by act_id_) s
                """.formatted(n, in)));
        results.put("profile.failedJobsByActivityAndError", string(db, """
                select coalesce(string_agg(act_id_ || ':' || c || ':' || left(coalesce(m, ''), 90), ' | ' order by c desc), '-') from (
                  select act_id_, job_exception_msg_ m, count(*) c from act_hi_job_log j where job_state_ = 1
                  and root_proc_inst_id_ in (select process_instance_id from chg_change where id in (%s))
                  group by act_id_, job_exception_msg_) s
                """.formatted(in)));
        results.put("profile.activityInstancesPerChange", String.format("%.1f", count(db, """
                select count(*) from act_hi_actinst where root_proc_inst_id_ in (
                  select process_instance_id from chg_change where id in (%s))""".formatted(in)) / (double) n));
        results.put("profile.auditEntriesPerChange", String.format("%.1f",
                count(db, "select count(*) from audit_entry where change_id in (" + in + ")") / (double) n));
        for (String k : List.of("xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted",
                "tup_fetched", "tup_returned")) {
            results.put("profile.db." + k + "PerChange",
                    String.format("%.1f", (after.get(k) - before.get(k)) / (double) n));
        }
        results.put("profile.rowsWrittenPerChangeByTable", topTables(db, sampler.tablesBefore, n));
        results.put("profile.seqScanRowsReadPerChangeByTable", topSeqReads(db, sampler.seqBefore, n));
        results.putAll(sampler.summary());
        results.put("cpu.appMsPerChange", String.format("%.0f", sampler.appCpuSeconds() * 1000 / n));
        results.forEach((k, v) -> {
            if (k.startsWith("lifecycle") || k.startsWith("profile") || k.startsWith("sample") || k.startsWith("cpu")) {
                System.out.println("  " + k + " = " + v);
            }
        });
    }

    String requestChange(int n, String prefix) throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (int h = 1; h <= 10; h++) {
            hosts.append(h > 1 ? "," : "").append('"').append(host(n, h)).append('"');
        }
        String body = "{\"title\":\"" + prefix + " standard change " + n + "\",\"advisories\":[\"" + ADVISORY
                + "\"],\"hosts\":[" + hosts + "]}";
        HttpResponse<String> r = post(url + "/api/v1/changes", "alice", body);
        check(r, "request change");
        Matcher m = ID.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("No id in " + r.body());
        }
        return m.group(1);
    }

    static String host(int change, int h) {
        return String.format("bench-%04d-%02d", change, h);
    }

    boolean awaitFinal(Connection db, String in, int expected, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        long last = -1;
        long lastPrint = 0;
        while (System.currentTimeMillis() < deadline) {
            long done = count(db, "select count(*) from chg_change where id in (" + in + ") and state in "
                    + "('CLOSED','REJECTED','CANCELLED','ABORTED','NOT_AFFECTED')");
            if (done >= expected) {
                return true;
            }
            if (expected > 1 && System.currentTimeMillis() - lastPrint > 10_000) {
                System.out.println("  ... " + done + "/" + expected + " changes final");
                lastPrint = System.currentTimeMillis();
            }
            last = done;
            Thread.sleep(250);
        }
        System.out.println("  time limit reached with " + last + "/" + expected + " final");
        return false;
    }

    static Map<String, Long> dbStats(Connection db) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched, tup_returned
                from pg_stat_database where datname = current_database()""")) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnName(i), rs.getLong(i));
            }
        }
        return m;
    }

    static Map<String, Long> jobLog(Connection db) throws SQLException {
        return countsByName(db, "select job_state_, count(*) from act_hi_job_log group by job_state_");
    }

    static Map<String, Long> tableInserts(Connection db) throws SQLException {
        return countsByName(db, "select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables");
    }

    /** A query answering (name, number) rows, as a map in row order. */
    static Map<String, Long> countsByName(Connection db, String sql) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    static Map<String, Long> seqReads(Connection db) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "select relname, seq_tup_read, seq_scan from pg_stat_user_tables")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
                m.put(rs.getString(1) + "#scans", rs.getLong(3));
            }
        }
        return m;
    }

    static String topSeqReads(Connection db, Map<String, Long> before, long n) throws SQLException {
        Map<String, Long> after = seqReads(db);
        return after.entrySet().stream().filter(e -> !e.getKey().endsWith("#scans"))
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
                .map(e -> e.getKey() + ":" + String.format("%.0f rows in %.1f scans", e.getValue() / (double) n,
                        (after.get(e.getKey() + "#scans") - before.getOrDefault(e.getKey() + "#scans", 0L))
                                / (double) n))
                .reduce((a, b) -> a + " " + b).orElse("-");
    }

    static String topTables(Connection db, Map<String, Long> before, long n) throws SQLException {
        Map<String, Long> after = tableInserts(db);
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(14)
                .map(e -> e.getKey() + ":" + String.format("%.1f", e.getValue() / (double) n))
                .reduce((a, b) -> a + " " + b).orElse("-");
    }

    /** Samples, every 200 ms, what the database sessions of the benchmark database wait for, the job backlog and CPU. */
    static final class Sampler implements Runnable {
        final Connection db;
        final long appPid;
        final Map<String, Long> tablesBefore;
        final Map<String, Long> seqBefore;
        volatile boolean stop;
        long samples;
        long active;
        long waitingLock;
        long waitingChainHead;
        long holdingChainHeadIdle;
        long clientRead;
        long ioWaits;
        long dueJobs;
        long lockedJobs;
        long maxDue;
        long appCpu0;
        long pgCpu0;
        long allCpu0;
        long idleCpu0;
        long t0;
        final Map<String, Long> waitEvents = new LinkedHashMap<>();

        Sampler(Connection db, long appPid) throws SQLException {
            this.db = db;
            this.appPid = appPid;
            this.tablesBefore = tableInserts(db);
            this.seqBefore = seqReads(db);
        }

        @Override
        public void run() {
            appCpu0 = procCpu(appPid);
            pgCpu0 = postgresCpu();
            long[] sys = systemCpu();
            allCpu0 = sys[0];
            idleCpu0 = sys[1];
            t0 = System.nanoTime();
            try (Connection own = DriverManager.getConnection(db.getMetaData().getURL(), "postgres", "");
                    Statement s = own.createStatement()) {
                while (!stop) {
                    try (ResultSet rs = s.executeQuery("""
                            select state, wait_event_type, wait_event, query from pg_stat_activity
                            where datname = current_database() and pid <> pg_backend_pid()
                            and application_name <> 'bench-harness'""")) {
                        while (rs.next()) {
                            String state = rs.getString(1);
                            String type = rs.getString(2);
                            String query = String.valueOf(rs.getString(4));
                            if ("active".equals(state)) {
                                active++;
                                String ev = type == null ? "CPU" : type + ":" + rs.getString(3);
                                waitEvents.merge(ev, 1L, Long::sum);
                                if ("Lock".equals(type)) {
                                    waitingLock++;
                                    if (query.contains("audit_chain_head")) {
                                        waitingChainHead++;
                                    }
                                }
                                if ("IO".equals(type)) {
                                    ioWaits++;
                                }
                            } else if ("idle in transaction".equals(state)) {
                                clientRead++;
                            }
                        }
                    }
                    try (ResultSet rs = s.executeQuery("""
                            select count(*) filter (where lock_owner_ is null and retries_ > 0
                                and (duedate_ is null or duedate_ <= now()) and suspension_state_ = 1),
                              count(*) filter (where lock_owner_ is not null) from act_ru_job""")) {
                        rs.next();
                        long due = rs.getLong(1);
                        dueJobs += due;
                        maxDue = Math.max(maxDue, due);
                        lockedJobs += rs.getLong(2);
                    }
                    samples++;
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                System.out.println("sampler stopped: " + e);
            }
        }

        /** CPU seconds the application used since sampling started: unlike its share of a busy machine, this
         *  hardly depends on what else runs there, so runs on a shared machine compare by CPU per change. */
        double appCpuSeconds() {
            return appPid > 0 ? (procCpu(appPid) - appCpu0) / 100.0 : Double.NaN;
        }

        Map<String, String> summary() {
            Map<String, String> m = new LinkedHashMap<>();
            double secs = (System.nanoTime() - t0) / 1e9;
            long hz = 100;
            double s = Math.max(1, samples);
            m.put("sample.count", String.valueOf(samples));
            m.put("sample.avgActiveDbSessions", String.format("%.2f", active / s));
            m.put("sample.avgSessionsWaitingOnLock", String.format("%.2f", waitingLock / s));
            m.put("sample.avgSessionsWaitingOnAuditChainHead", String.format("%.2f", waitingChainHead / s));
            m.put("sample.avgSessionsIdleInTransaction", String.format("%.2f", clientRead / s));
            m.put("sample.avgDueUnlockedJobs", String.format("%.1f", dueJobs / s));
            m.put("sample.maxDueUnlockedJobs", String.valueOf(maxDue));
            m.put("sample.avgLockedJobs", String.format("%.1f", lockedJobs / s));
            StringBuilder ev = new StringBuilder();
            waitEvents.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                    .forEach(e -> ev.append(e.getKey()).append(':').append(String.format("%.2f", e.getValue() / s))
                            .append(' '));
            m.put("sample.activeSessionsByWaitEvent", ev.toString().trim());
            if (appPid > 0) {
                m.put("cpu.appCores", String.format("%.2f", (procCpu(appPid) - appCpu0) / (double) hz / secs));
            }
            m.put("cpu.postgresCores", String.format("%.2f", (postgresCpu() - pgCpu0) / (double) hz / secs));
            long[] sys = systemCpu();
            double all = sys[0] - allCpu0;
            double busyCores = (all - (sys[1] - idleCpu0)) / all * Runtime.getRuntime().availableProcessors();
            m.put("cpu.machineBusyPercent", String.format("%.0f", 100.0 * (all - (sys[1] - idleCpu0)) / all));
            m.put("cpu.otherProcessesCores(harness, other builds)", String.format("%.2f", busyCores
                    - (procCpu(appPid) - appCpu0) / (double) hz / secs - (postgresCpu() - pgCpu0) / (double) hz / secs));
            return m;
        }

        static long procCpu(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                return 0;
            }
        }

        static long postgresCpu() {
            long sum = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) dirs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        if (Files.readString(p.resolve("comm")).trim().startsWith("postgres")) {
                            sum += procCpu(Long.parseLong(name));
                        }
                    } catch (Exception ignored) {
                        // process ended
                    }
                }
            } catch (Exception ignored) {
                // no /proc
            }
            return sum;
        }

        static long[] systemCpu() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long all = 0;
                for (int i = 1; i < f.length; i++) {
                    all += Long.parseLong(f[i]);
                }
                return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5])};
            } catch (Exception e) {
                return new long[] {1, 0};
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tasklist's CAB query with 10,000 open CAB tasks.

    void cabQuery(Connection db) throws Exception {
        String start = url + "/engine-rest/process-definition/key/patch-lifecycle/start";
        long t0 = System.currentTimeMillis();
        int existing = (int) count(db, "select count(*) from act_ru_task where task_def_key_ = 'cabVote'");
        int toStart = Math.max(0, cabInstances - existing / cabVotes);
        System.out.println("CAB: starting " + toStart + " lifecycle instances at cabVote (" + cabVotes
                + " open votes each)");
        runCount(clients, toStart, n -> {
            String id = String.format("CHG-BENCH-%05d", n);
            String body = """
                    {"businessKey":"%s","skipCustomListeners":false,"skipIoMappings":false,
                     "startInstructions":[{"type":"startBeforeActivity","activityId":"cabVote#multiInstanceBody"}],
                     "variables":{"changeId":{"value":"%s","type":"String"},
                       "requestedBy":{"value":"alice","type":"String"},
                       "priority":{"value":"P3","type":"String"},"changeType":{"value":"normal","type":"String"},
                       "cabQuorum":{"value":%d,"type":"Integer"},"approvalDecided":{"value":false,"type":"Boolean"},
                       "approved":{"value":false,"type":"Boolean"},
                       "testSignOffRequired":{"value":true,"type":"Boolean"},
                       "approvalEscalation":{"value":"P2D","type":"String"}}}
                    """.formatted(id, id, cabVotes);
            check(post(start, "admin", body), "start CAB instance");
        });
        long tasks = count(db, "select count(*) from act_ru_task where task_def_key_ = 'cabVote'");
        long cabTasks = count(db, "select count(distinct task_id_) from act_ru_identitylink where group_id_ = 'cab' "
                + "and type_ = 'candidate'");
        long authRows = count(db, "select count(*) from act_ru_authorization");
        long taskAuthRows = count(db, "select count(*) from act_ru_authorization where resource_type_ = 7");
        long cabTaskAuthRows = count(db, "select count(*) from act_ru_authorization where resource_type_ = 7 "
                + "and group_id_ = 'cab'");
        System.out.printf("CAB: %d open cabVote tasks (%d with candidate group cab) after %.0f s; authorization rows: "
                + "%d total, %d on tasks, %d for group cab%n", tasks, cabTasks,
                (System.currentTimeMillis() - t0) / 1000.0, authRows, taskAuthRows, cabTaskAuthRows);
        try (Statement s = db.createStatement()) {
            s.execute("analyze");
        }

        String query = "{\"candidateGroups\":[\"cab\"],\"includeAssignedTasks\":false,"
                + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
        String list = url + "/engine-rest/task?firstResult=0&maxResults=15";
        String countUrl = url + "/engine-rest/task/count";
        // Tasklist's default view: the "All tasks" filter the application creates, listed for carol.
        HttpResponse<String> filters = get(url + "/engine-rest/filter?resourceType=Task", "carol");
        check(filters, "list filters");
        Matcher fm = ID.matcher(filters.body());
        String filterId = fm.find() ? fm.group(1) : null;
        String filterBody = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";

        HttpResponse<String> first = post(list, "carol", query);
        check(first, "CAB list");
        int returned = first.body().split("\"taskDefinitionKey\"", -1).length - 1;
        HttpResponse<String> countResp = post(countUrl, "carol", query);
        check(countResp, "CAB count");
        System.out.println("CAB: carol's list returns " + returned + " tasks, count says " + countResp.body());
        results.put("cab.openCabVoteTasks", String.valueOf(tasks));
        results.put("cab.tasksWithCandidateGroupCab", String.valueOf(cabTasks));
        results.put("cab.authorizationRows", String.valueOf(authRows));
        results.put("cab.taskAuthorizationRows", String.valueOf(taskAuthRows));
        results.put("cab.taskAuthorizationRowsForGroupCab", String.valueOf(cabTaskAuthRows));
        results.put("cab.countAsCarol", countResp.body().replaceAll("\\D", ""));
        results.put("cab.listReturned", String.valueOf(returned));

        long warmEnd = System.currentTimeMillis() + 20_000;
        for (int i = 0; i < 50 && System.currentTimeMillis() < warmEnd; i++) { // warm-up
            post(list, "carol", query);
            post(countUrl, "carol", query);
        }
        double[] listMs = new double[queries];
        double[] countMs = new double[queries];
        double[] pageMs = new double[queries];
        long end = System.currentTimeMillis() + queryBudget * 1000L;
        int done = 0;
        for (int i = 0; i < queries && System.currentTimeMillis() < end; i++, done++) {
            long a = System.nanoTime();
            check(post(list, "carol", query), "CAB list");
            long b = System.nanoTime();
            check(post(countUrl, "carol", query), "CAB count");
            long c = System.nanoTime();
            listMs[i] = (b - a) / 1e6;
            countMs[i] = (c - b) / 1e6;
            pageMs[i] = (c - a) / 1e6;
        }
        report("cab.list", Arrays.copyOf(listMs, done));
        report("cab.count", Arrays.copyOf(countMs, done));
        report("cab.listPlusCount", Arrays.copyOf(pageMs, done));
        if (done < queries) {
            System.out.println("  time budget of " + queryBudget + " s reached after " + done + " timed requests");
        }
        if (filterId != null) {
            String fl = url + "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
            String fc = url + "/engine-rest/filter/" + filterId + "/count";
            post(fl, "carol", filterBody);
            double[] fMs = new double[Math.min(queries, 200)];
            double[] fcMs = new double[fMs.length];
            long fEnd = System.currentTimeMillis() + 20_000;
            int fDone = 0;
            for (int i = 0; i < fMs.length && System.currentTimeMillis() < fEnd; i++, fDone++) {
                long a = System.nanoTime();
                check(post(fl, "carol", filterBody), "filter list");
                long b = System.nanoTime();
                check(post(fc, "carol", filterBody), "filter count");
                fMs[i] = (b - a) / 1e6;
                fcMs[i] = (System.nanoTime() - b) / 1e6;
            }
            report("cab.allTasksFilterList", Arrays.copyOf(fMs, fDone));
            report("cab.allTasksFilterCount", Arrays.copyOf(fcMs, fDone));
        }
        // The same query as admin, whose grant is one '*' row, shows what the per-task authorization rows cost.
        double[] adminMs = new double[Math.min(queries, 200)];
        long aEnd = System.currentTimeMillis() + 20_000;
        int aDone = 0;
        for (int i = 0; i < adminMs.length && System.currentTimeMillis() < aEnd; i++, aDone++) {
            long a = System.nanoTime();
            check(post(list, "admin", query), "admin list");
            adminMs[i] = (System.nanoTime() - a) / 1e6;
        }
        report("cab.listAsAdminWildcardGrant", Arrays.copyOf(adminMs, aDone));
        double[] healthMs = new double[100];
        for (int i = 0; i < healthMs.length; i++) {
            long a = System.nanoTime();
            get(url + "/engine-rest/version", "carol");
            healthMs[i] = (System.nanoTime() - a) / 1e6;
        }
        report("cab.engineVersionAsCarol(baseline HTTP+auth)", healthMs);
    }

    void report(String name, double[] ms) {
        if (ms.length == 0) {
            results.put(name, "n=0");
            return;
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        String v = String.format("n=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f ms", s.length, pctD(s, 50), pctD(s, 95),
                pctD(s, 99), s[s.length - 1]);
        results.put(name, v);
        System.out.println("  " + name + ": " + v);
    }

    static double pctD(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plumbing.

    interface Work {
        void run(int n) throws Exception;
    }

    /** Per-request latencies of a load run. */
    static final class Timer {
        static final class Totals {
            final List<Double> ms = java.util.Collections.synchronizedList(new ArrayList<>());

            double percentile(double p) {
                double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                return a.length == 0 ? Double.NaN : pctD(a, p);
            }
        }
    }

    /** Runs {@code total} units of work on {@code threads} threads. */
    static Timer.Totals runCount(int threads, int total, Work work) throws Exception {
        Timer.Totals totals = new Timer.Totals();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < total) {
                    long a = System.nanoTime();
                    work.run(n);
                    totals.ms.add((System.nanoTime() - a) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return totals;
    }

    /** Runs work on {@code threads} threads for {@code seconds}. */
    static Timer.Totals runFor(int threads, int seconds, Work work) throws Exception {
        Timer.Totals totals = new Timer.Totals();
        AtomicInteger next = new AtomicInteger();
        long end = System.currentTimeMillis() + seconds * 1000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                while (System.currentTimeMillis() < end) {
                    long a = System.nanoTime();
                    work.run(next.getAndIncrement());
                    totals.ms.add((System.nanoTime() - a) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return totals;
    }

    HttpResponse<String> post(String uri, String user, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String uri, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    static void check(HttpResponse<String> r, String what) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String string(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<Long> longs(Connection db, String sql) throws SQLException {
        List<Long> l = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                l.add(rs.getLong(1));
            }
        }
        return l;
    }

    static long[] window(Connection db, String sql, String param) throws SQLException {
        try (var ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

}
