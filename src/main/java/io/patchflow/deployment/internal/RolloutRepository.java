package io.patchflow.deployment.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PackageTargetsJson;
import io.patchflow.deployment.PatchOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Rollouts, rings and hosts in the dep_* tables. Writes that touch many hosts go as JDBC batches, and reads that
 * serve a whole rollout are one query, not one per ring: a production stage may have 10,000 hosts.
 */
@Repository
public class RolloutRepository {

    private static final String HOST_COLUMNS = "h.id, h.ring_id, h.host_name, h.batch_no, h.state, h.message, "
            + "h.target_versions, h.previous_versions, h.started_at, h.finished_at, h.rollback_attempted";
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final PackageTargetsJson versions;

    public RolloutRepository(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.versions = new PackageTargetsJson(json);
    }

    public record RolloutRow(long id, String changeId, String stage, String state, int attempt) {
    }

    /**
     * {@code completionSeen}: the job that completed the ring committed (see {@link #markCompletionSeen}); false for
     * a completed ring means the engine never learnt of the completion.
     */
    public record RingRow(long id, long rolloutId, int position, String plan, String name, String state,
            int batchSize, int failureBudget, boolean manualPromotion, long soakSeconds, boolean completionSeen) {
    }

    public record HostRow(long id, long ringId, String hostName, Integer batchNo, HostState state, String message,
            List<PackageTarget> targets, List<PackageTarget> previous, Instant startedAt, Instant finishedAt,
            boolean rollbackAttempted) {
    }

    /** A back end's answer for one host of a batch, ready to be written. */
    public record HostResult(long hostId, HostState state, String message, List<PackageTarget> previous) {
    }

    public Optional<RolloutRow> find(String changeId, String stage) {
        return jdbc.sql("SELECT id, change_id, stage, state, attempt FROM dep_rollout WHERE change_id = ? AND stage = ?")
                .params(changeId, stage).query(RolloutRow.class).optional();
    }

    public Optional<RolloutRow> find(long id) {
        return jdbc.sql("SELECT id, change_id, stage, state, attempt FROM dep_rollout WHERE id = ?")
                .param(id).query(RolloutRow.class).optional();
    }

    public List<RolloutRow> forChange(String changeId) {
        return jdbc.sql("SELECT id, change_id, stage, state, attempt FROM dep_rollout WHERE change_id = ? ORDER BY id")
                .param(changeId).query(RolloutRow.class).list();
    }

    public long insertRollout(String changeId, String stage) {
        KeyHolder key = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO dep_rollout (change_id, stage, state, attempt, created_at, updated_at) "
                + "VALUES (?, ?, 'RUNNING', 1, ?, ?)")
                .params(changeId, stage, now, now).update(key, "id");
        return key.getKey().longValue();
    }

    public void updateRollout(long id, String state, int attempt) {
        jdbc.sql("UPDATE dep_rollout SET state = ?, attempt = ?, updated_at = ? WHERE id = ?")
                .params(state, attempt, Timestamp.from(Instant.now()), id).update();
    }

    public long insertRing(long rolloutId, int position, String plan, String name, int batchSize, int budget,
            boolean manual, long soakSeconds) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO dep_ring (rollout_id, position, plan, name, state, batch_size, failure_budget, "
                + "manual_promotion, soak_seconds) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)")
                .params(rolloutId, position, plan, name, batchSize, budget, manual, soakSeconds).update(key, "id");
        return key.getKey().longValue();
    }

    public List<RingRow> rings(long rolloutId) {
        return jdbc.sql("SELECT id, rollout_id, position, plan, name, state, batch_size, failure_budget, "
                + "manual_promotion, soak_seconds, completion_seen FROM dep_ring WHERE rollout_id = ? ORDER BY position")
                .param(rolloutId).query(RingRow.class).list();
    }

    public void updateRingState(long ringId, String state) {
        jdbc.sql("UPDATE dep_ring SET state = ? WHERE id = ?").params(state, ringId).update();
    }

    /** The ring's last batch was recorded: COMPLETED, not yet seen by the engine. */
    public void completeRing(long ringId) {
        jdbc.sql("UPDATE dep_ring SET state = 'COMPLETED', completion_seen = FALSE WHERE id = ?").param(ringId).update();
    }

    /** Called in the engine job's transaction: it commits with the job, or not at all. */
    public void markCompletionSeen(long ringId) {
        jdbc.sql("UPDATE dep_ring SET completion_seen = TRUE WHERE id = ?").param(ringId).update();
    }

    public void insertHosts(long ringId, List<PatchOrder> orders) {
        batches.batchUpdate("INSERT INTO dep_host (ring_id, host_name, state, target_versions, rollback_attempted) "
                + "VALUES (?, ?, 'PENDING', ?, FALSE)", orders, BATCH, (ps, order) -> {
                    ps.setLong(1, ringId);
                    ps.setString(2, order.host());
                    ps.setString(3, versions.write(order.packages()));
                });
    }

    /** The hosts of one ring, by name. */
    public List<HostRow> hosts(long ringId) {
        return jdbc.sql("SELECT " + HOST_COLUMNS + " FROM dep_host h WHERE h.ring_id = ? ORDER BY h.host_name")
                .param(ringId).query(this::host).list();
    }

    /** The hosts of every ring of a rollout, in one query: ring by ring, by name. */
    public List<HostRow> hostsOfRollout(long rolloutId) {
        return jdbc.sql("SELECT " + HOST_COLUMNS + " FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id "
                + "WHERE r.rollout_id = ? ORDER BY r.position, h.host_name")
                .param(rolloutId).query(this::host).list();
    }

    /** The hosts of a ring in a given state, by name, at most {@code limit}. */
    public List<HostRow> hostsIn(long ringId, HostState state, int limit) {
        return jdbc.sql("SELECT " + HOST_COLUMNS + " FROM dep_host h WHERE h.ring_id = ? AND h.state = ? "
                + "ORDER BY h.host_name FETCH FIRST " + Math.max(limit, 1) + " ROWS ONLY")
                .params(ringId, state.name()).query(this::host).list();
    }

    /** Names of the change's hosts whose patch succeeded, in any stage. */
    public List<String> succeededHosts(String changeId) {
        return jdbc.sql("SELECT DISTINCT h.host_name FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id "
                + "JOIN dep_rollout o ON o.id = r.rollout_id WHERE o.change_id = ? "
                + "AND h.state IN ('SUCCEEDED', 'SUCCEEDED_REBOOT_REQUIRED') ORDER BY h.host_name")
                .param(changeId).query(String.class).list();
    }

    /** Names of the change's hosts whose patch succeeded in one stage. */
    public List<String> succeededHosts(String changeId, String stage) {
        return jdbc.sql("SELECT h.host_name FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id "
                + "JOIN dep_rollout o ON o.id = r.rollout_id WHERE o.change_id = ? AND o.stage = ? "
                + "AND h.state IN ('SUCCEEDED', 'SUCCEEDED_REBOOT_REQUIRED')")
                .params(changeId, stage).query(String.class).list();
    }

    public int hostCount(long rolloutId) {
        return jdbc.sql("SELECT COUNT(*) FROM dep_host h JOIN dep_ring r ON r.id = h.ring_id WHERE r.rollout_id = ?")
                .param(rolloutId).query(Integer.class).single();
    }

    public int lastBatch(long ringId) {
        return jdbc.sql("SELECT COALESCE(MAX(batch_no), 0) FROM dep_host WHERE ring_id = ?").param(ringId)
                .query(Integer.class).single();
    }

    public Map<HostState, Integer> stateCounts(long ringId) {
        Map<HostState, Integer> counts = new EnumMap<>(HostState.class);
        jdbc.sql("SELECT state, COUNT(*) FROM dep_host WHERE ring_id = ? GROUP BY state").param(ringId)
                .query((rs, n) -> counts.put(HostState.valueOf(rs.getString(1)), rs.getInt(2))).list();
        return counts;
    }

    /** Marks pending hosts running in batch {@code batchNo}; returns how many were still pending. */
    public int startHosts(List<Long> hostIds, int batchNo) {
        Timestamp now = Timestamp.from(Instant.now());
        int[][] counts = batches.batchUpdate("UPDATE dep_host SET state = 'RUNNING', batch_no = ?, message = NULL, "
                + "started_at = ?, finished_at = NULL WHERE id = ? AND state = 'PENDING'", hostIds, BATCH,
                (ps, id) -> {
                    ps.setInt(1, batchNo);
                    ps.setTimestamp(2, now);
                    ps.setLong(3, id);
                });
        return sum(counts);
    }

    /**
     * Records results of hosts that are still running; a host that already has a result keeps it (a retried or
     * doubled job must not overwrite the first answer). Returns, per result, whether it was written.
     */
    public boolean[] finishRunningHosts(List<HostResult> results) {
        Timestamp now = Timestamp.from(Instant.now());
        int[][] counts = batches.batchUpdate("UPDATE dep_host SET state = ?, message = ?, "
                + "previous_versions = COALESCE(?, previous_versions), finished_at = ? WHERE id = ? AND state = 'RUNNING'",
                results, BATCH, (ps, r) -> {
                    ps.setString(1, r.state().name());
                    ps.setString(2, truncate(r.message()));
                    ps.setString(3, r.previous() == null || r.previous().isEmpty() ? null
                            : versions.write(r.previous()));
                    ps.setTimestamp(4, now);
                    ps.setLong(5, r.hostId());
                });
        return written(counts, results.size());
    }

    /** Records rollback results of hosts not rolled back yet; returns, per result, whether it was written. */
    public boolean[] finishRollbacks(List<HostResult> results) {
        Timestamp now = Timestamp.from(Instant.now());
        int[][] counts = batches.batchUpdate("UPDATE dep_host SET state = ?, message = ?, finished_at = ?, "
                + "rollback_attempted = TRUE WHERE id = ? AND rollback_attempted = FALSE", results, BATCH, (ps, r) -> {
                    ps.setString(1, r.state().name());
                    ps.setString(2, truncate(r.message()));
                    ps.setTimestamp(3, now);
                    ps.setLong(4, r.hostId());
                });
        return written(counts, results.size());
    }

    /** The hosts of the newest batch of the ring that was deployed and not yet rolled back. */
    public List<HostRow> newestBatchToRollBack(long ringId) {
        return jdbc.sql("SELECT " + HOST_COLUMNS + " FROM dep_host h WHERE h.ring_id = ? AND h.batch_no = "
                + "(SELECT MAX(batch_no) FROM dep_host WHERE ring_id = ? AND state <> 'PENDING' "
                + "AND rollback_attempted = FALSE) AND h.state <> 'PENDING' AND h.rollback_attempted = FALSE "
                + "ORDER BY h.host_name")
                .params(ringId, ringId).query(this::host).list();
    }

    public void resetHost(long hostId, List<PackageTarget> targets) {
        jdbc.sql("UPDATE dep_host SET state = 'PENDING', batch_no = NULL, message = NULL, target_versions = ?, "
                + "rollback_attempted = FALSE WHERE id = ?").params(versions.write(targets), hostId).update();
    }

    private HostRow host(ResultSet rs, int n) throws SQLException {
        return new HostRow(rs.getLong(1), rs.getLong(2), rs.getString(3), (Integer) rs.getObject(4),
                HostState.valueOf(rs.getString(5)), rs.getString(6), versions.read(rs.getString(7)),
                versions.read(rs.getString(8)),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getBoolean(11));
    }

    private static int sum(int[][] counts) {
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(c -> Math.max(c, 0)).sum();
    }

    /** PostgreSQL and H2 report a row count per statement of a batch; -2 (unknown) counts as written. */
    private static boolean[] written(int[][] counts, int size) {
        boolean[] written = new boolean[size];
        int i = 0;
        for (int[] chunk : counts) {
            for (int c : chunk) {
                written[i++] = c != 0;
            }
        }
        return written;
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
