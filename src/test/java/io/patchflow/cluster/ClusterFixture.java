package io.patchflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.testsupport.PatchflowNode;
import io.patchflow.testsupport.PrivatePostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cluster tests do to and read from the cluster: start nodes configured alike, seed a fleet and an advisory
 * through the public API, request a wave of standard changes, watch their progress in the database, and count what
 * happened (hosts' results, the simulated fleet's journal, the inventory's history, the engine's job log).
 * <p>
 * Each change has 50 hosts: 10 in {@code test}, 20 in {@code staging}, 20 in {@code prod} (production share 0.4,
 * at most 50 hosts, P3: a standard change, pre-approved by policy). The simulated fleet takes 10 ms per host and never fails;
 * the production plan is canary 10% (batch 1, soak 1 s), pilot 30% (batch 50%, soak 1 s), broad (batch 25%).
 */
final class ClusterFixture {

    static final String SCHEMA = "patchflow";
    static final String OLD = "1.0-1";
    static final String FIXED = "1.0-2";
    private static final int HOSTS_PER_CHANGE = 50;
    /** Short, so a dead node's jobs are taken over within seconds; every batch here takes well under a second. */
    static final Duration JOB_LOCK = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PrivatePostgres postgres;

    ClusterFixture(PrivatePostgres postgres) {
        this.postgres = postgres;
        sql("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    }

    /** A changes wave: its prefix, advisory and change ids, and how many hosts its changes cover. */
    record Wave(String prefix, List<String> changeIds, int hostCount) {
    }

    /** Where a wave's hosts stand: with a final result, claimed without one, and of those, answered by the fleet. */
    record Progress(int hosts, int finished, int running, int answeredNotRecorded) {

        @Override
        public String toString() {
            return finished + " of " + hosts + " hosts finished, " + running + " running";
        }
    }

    record HostCounts(int rows, int distinctHosts, Map<String, Integer> byState) {
    }

    PatchflowNode startNode(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", Long.toString(JOB_LOCK.toMillis()));
        properties.put("patchflow.simulator.latency", "10ms");
        properties.put("patchflow.simulator.failure-rate", "0");
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.org.springframework.boot.web.embedded", "info");
        ring(properties, "test", 0, "test", "100%", "100%", "0", "PT0S");
        properties.put("patchflow.rollout.stages.test[0].environments[0]", "test");
        ring(properties, "production", 0, "canary", "10%", "1", "0", "PT1S");
        ring(properties, "production", 1, "pilot", "30%", "50%", "10%", "PT1S");
        ring(properties, "production", 2, "broad", "100%", "25%", "5%", "PT0S");
        return PatchflowNode.start(name, postgres.jdbcUrl(), PrivatePostgres.USER, SCHEMA, properties,
                Duration.ofMinutes(4));
    }

    private static void ring(Map<String, String> properties, String stage, int index, String name, String share,
            String batchSize, String failureBudget, String soak) {
        String prefix = "patchflow.rollout.stages." + stage + "[" + index + "].";
        properties.put(prefix + "name", name);
        properties.put(prefix + "share", share);
        properties.put(prefix + "batch-size", batchSize);
        properties.put(prefix + "failure-budget", failureBudget);
        properties.put(prefix + "soak", soak);
    }

    /**
     * Seeds {@code changes} x 50 hosts with a vulnerable package of the wave's own and its advisory, then requests
     * one standard change per 50 hosts, through the nodes in turn.
     */
    Wave requestChanges(String prefix, int changes, List<PatchflowNode> nodes) throws Exception {
        String source = "clu" + prefix + System.currentTimeMillis() % 100_000;
        List<List<String>> hostsByChange = new ArrayList<>();
        StringBuilder inventory = new StringBuilder("{\"hosts\":[");
        for (int c = 0; c < changes; c++) {
            List<String> hosts = new ArrayList<>();
            for (int h = 0; h < HOSTS_PER_CHANGE; h++) {
                String environment = h < 10 ? "test" : h < 30 ? "staging" : "prod";
                String name = "%s-c%03d-%s%02d".formatted(source, c, environment, h);
                hosts.add(name);
                inventory.append(inventory.length() > 10 ? "," : "").append("""
                        {"name":"%s","os":"Debian:12","environment":"%s","groups":["%s"],"criticality":"low",
                         "internetFacing":false,"packages":[{"name":"lib%s1","version":"%s","source":"%s","arch":"amd64"}]}"""
                        .formatted(name, environment, source, source, OLD, source));
            }
            hostsByChange.add(hosts);
        }
        post(nodes.get(0), "/api/v1/inventory", "alice", inventory.append("]}").toString());
        String advisory = "PF-CLUSTER-" + source.toUpperCase();
        post(nodes.get(0), "/api/v1/advisories", "alice", """
                {"id":"%s","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
                 "summary":"cluster test advisory","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}"""
                .formatted(advisory, source, FIXED));
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < changes; c++) {
            String body = JSON.writeValueAsString(Map.of("title", "Cluster test " + source + " #" + c,
                    "advisories", List.of(advisory), "hosts", hostsByChange.get(c)));
            ids.add(post(nodes.get(c % nodes.size()), "/api/v1/changes", "alice", body).path("id").asText());
        }
        return new Wave(source, ids, changes * HOSTS_PER_CHANGE);
    }

    /**
     * Waits until a quarter of the wave's hosts have a recorded result and most do not yet: some batches recorded,
     * some running. Fails if the wave ran through before that could be seen.
     */
    Progress awaitMidRollout(Wave wave) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Progress progress = progress(wave);
        while (Instant.now().isBefore(deadline)) {
            progress = progress(wave);
            if (progress.finished() >= wave.hostCount() / 4) {
                if (progress.finished() > wave.hostCount() * 3 / 4) {
                    throw new AssertionError("The rollouts ran too far before they could be interrupted ("
                            + progress + "): request more changes (-Dpatchflow.cluster.changes)");
                }
                return progress;
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("The rollouts did not get going within 3 minutes: " + progress + "; "
                + changeStates(wave));
    }

    Progress progress(Wave wave) {
        return query("""
                SELECT COUNT(*), COUNT(*) FILTER (WHERE h.state NOT IN ('PENDING', 'RUNNING')),
                       COUNT(*) FILTER (WHERE h.state = 'RUNNING'),
                       COUNT(*) FILTER (WHERE h.state = 'RUNNING' AND EXISTS (SELECT 1 FROM dep_sim_journal j
                           WHERE j.change_id = o.change_id AND j.stage = o.stage AND j.attempt = o.attempt
                           AND j.action = 'patch' AND j.host_name = h.host_name))
                FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id JOIN dep_rollout o ON o.id = r.rollout_id
                WHERE o.change_id = ANY (?)""", wave,
                rs -> new Progress(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).get(0);
    }

    /**
     * Waits until every change of the wave is CLOSED (as the given nodes answer it), saying where things stand when
     * the deadline passes: change states, host states, failed jobs and incidents.
     */
    void awaitClosed(Wave wave, List<PatchflowNode> nodes, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!changeStates(wave).equals(Map.of("CLOSED", wave.changeIds().size()))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not every change closed within " + timeout + ": changes "
                        + changeStates(wave) + "; hosts " + progress(wave) + "; failed jobs " + failedJobs()
                        + "; open incidents " + openIncidents() + nodes.stream().filter(n -> !n.alive())
                                .map(n -> "; " + n + " died").reduce("", String::concat));
            }
            pause(Duration.ofSeconds(1));
        }
        for (String id : wave.changeIds()) {
            JsonNode change = get(nodes.get(0), "/api/v1/changes/" + id, "frank");
            if (!change.path("state").asText().equals("CLOSED")) {
                throw new AssertionError("Change " + id + " is CLOSED in the database but the API says " + change);
            }
        }
    }

    Map<String, Integer> changeStates(Wave wave) {
        Map<String, Integer> states = new TreeMap<>();
        query("SELECT state, COUNT(*) FROM chg_change WHERE id = ANY (?) GROUP BY state", wave,
                rs -> states.put(rs.getString(1), rs.getInt(2)));
        return states;
    }

    HostCounts hostCounts(Wave wave) {
        Map<String, Integer> states = new TreeMap<>();
        query("""
                SELECT h.state, COUNT(*) FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id
                JOIN dep_rollout o ON o.id = r.rollout_id WHERE o.change_id = ANY (?) GROUP BY h.state""", wave,
                rs -> states.put(rs.getString(1), rs.getInt(2)));
        int[] counts = query("""
                SELECT COUNT(*), COUNT(DISTINCT (o.change_id, h.host_name)) FROM dep_host h
                JOIN dep_ring r ON r.id = h.ring_id JOIN dep_rollout o ON o.id = r.rollout_id
                WHERE o.change_id = ANY (?)""", wave, rs -> new int[] {rs.getInt(1), rs.getInt(2)}).get(0);
        return new HostCounts(counts[0], counts[1], states);
    }

    /** How many hosts had the change applied once, twice, ... by the simulated fleet (its journal). */
    Map<Integer, Integer> journalApplicationsPerHost(Wave wave) {
        return histogram("""
                SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM dep_sim_journal WHERE change_id = ANY (?)
                AND action = 'patch' GROUP BY change_id, host_name) t GROUP BY n""", wave);
    }

    /** How many hosts had their package changed once, twice, ... (the inventory's history of patches). */
    Map<Integer, Integer> inventoryPatchesPerHost(Wave wave) {
        return histogram("""
                SELECT n, COUNT(*) FROM (SELECT COUNT(c.host_id) AS n FROM inv_host h
                LEFT JOIN inv_package_history c ON c.host_id = h.id AND c.reason = 'patch'
                WHERE h.name LIKE ? GROUP BY h.id) t GROUP BY n""", wave.prefix() + "-%");
    }

    /** Job ids with more than one successful entry in the engine's job log (history level full logs every run). */
    List<String> jobsCompletedMoreThanOnce() {
        return list("SELECT job_id_ || ' (' || COALESCE(job_def_type_, '?') || ')' FROM act_hi_job_log "
                + "WHERE job_state_ = 2 GROUP BY job_id_, job_def_type_ HAVING COUNT(*) > 1");
    }

    /** Timer jobs of the wave's changes that completed (the window timer, the rings' soak timers). */
    int timerJobsCompleted(Wave wave) {
        return query("""
                SELECT COUNT(*) FROM act_hi_job_log j JOIN act_hi_procinst p ON p.id_ = j.root_proc_inst_id_
                WHERE j.job_state_ = 2 AND j.job_def_type_ LIKE 'timer%' AND p.business_key_ = ANY (?)""", wave,
                rs -> rs.getInt(1)).get(0);
    }

    /** Jobs locked right now, by lock owner (one per node's job executor). */
    Map<String, Integer> lockedJobsByOwner() {
        Map<String, Integer> owners = new TreeMap<>();
        query("SELECT lock_owner_, COUNT(*) FROM act_ru_job WHERE lock_exp_time_ > CURRENT_TIMESTAMP "
                + "GROUP BY lock_owner_", null, rs -> owners.put(rs.getString(1), rs.getInt(2)));
        return owners;
    }

    int openIncidents() {
        return Integer.parseInt(list("SELECT COUNT(*) FROM act_ru_incident").get(0));
    }

    private String failedJobs() {
        return list("SELECT COUNT(*) || ' with an exception, ' || COUNT(*) FILTER (WHERE retries_ = 0) "
                + "|| ' out of retries' FROM act_ru_job WHERE exception_msg_ IS NOT NULL").get(0);
    }

    JsonNode get(PatchflowNode node, String path, String user) throws Exception {
        return send(node, HttpRequest.newBuilder(node.uri(path)).GET(), user, path);
    }

    JsonNode post(PatchflowNode node, String path, String user, String body) throws Exception {
        return send(node, HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user, path);
    }

    private JsonNode send(PatchflowNode node, HttpRequest.Builder request, String user, String path)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HTTP.send(request.header("Authorization", "Basic " + basic)
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new AssertionError(node + " answered " + path + " with " + answer.statusCode() + ": "
                    + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA, PrivatePostgres.USER, "");
    }

    private void sql(String statement) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private List<String> list(String sql) {
        return query(sql, null, rs -> rs.getString(1));
    }

    private Map<Integer, Integer> histogram(String sql, Object parameter) {
        Map<Integer, Integer> histogram = new TreeMap<>();
        query(sql, parameter, rs -> histogram.put(rs.getInt(1), rs.getInt(2)));
        return histogram;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query with one parameter (a wave: its change ids as an array; else as is); retries while PG restarts. */
    private <T> List<T> query(String sql, Object parameter, Row<T> row) {
        SQLException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
                if (parameter instanceof Wave wave) {
                    Array ids = c.createArrayOf("varchar", wave.changeIds().toArray());
                    s.setArray(1, ids);
                } else if (parameter != null) {
                    s.setObject(1, parameter);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
                return rows;
            } catch (SQLException e) {
                last = e;
                pause(Duration.ofMillis(500));
            }
        }
        throw new IllegalStateException("Query failed: " + sql, last);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
