package io.patchflow.deployment.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Rollouts, rings and hosts in the dep_* tables. */
@Repository
public class RolloutRepository {

    private static final TypeReference<List<PackageTarget>> TARGETS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public RolloutRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record RolloutRow(long id, String changeId, String stage, String state, int attempt) {
    }

    public record RingRow(long id, long rolloutId, int position, String name, String state, int batchSize,
            int failureBudget, boolean manualPromotion, long soakSeconds) {
    }

    public record HostRow(long id, long ringId, String hostName, Integer batchNo, HostState state, String message,
            List<PackageTarget> targets, List<PackageTarget> previous, Instant startedAt, Instant finishedAt) {
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

    public long insertRing(long rolloutId, int position, String name, int batchSize, int budget, boolean manual,
            long soakSeconds) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO dep_ring (rollout_id, position, name, state, batch_size, failure_budget, "
                + "manual_promotion, soak_seconds) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?)")
                .params(rolloutId, position, name, batchSize, budget, manual, soakSeconds).update(key, "id");
        return key.getKey().longValue();
    }

    public List<RingRow> rings(long rolloutId) {
        return jdbc.sql("SELECT id, rollout_id, position, name, state, batch_size, failure_budget, manual_promotion, "
                + "soak_seconds FROM dep_ring WHERE rollout_id = ? ORDER BY position")
                .param(rolloutId).query(RingRow.class).list();
    }

    public void updateRing(long ringId, String state, int batchSize, int budget) {
        jdbc.sql("UPDATE dep_ring SET state = ?, batch_size = ?, failure_budget = ? WHERE id = ?")
                .params(state, batchSize, budget, ringId).update();
    }

    public void updateRingState(long ringId, String state) {
        jdbc.sql("UPDATE dep_ring SET state = ? WHERE id = ?").params(state, ringId).update();
    }

    public void insertHost(long ringId, String host, List<PackageTarget> targets) {
        jdbc.sql("INSERT INTO dep_host (ring_id, host_name, state, target_versions) VALUES (?, ?, 'PENDING', ?)")
                .params(ringId, host, write(targets)).update();
    }

    public List<HostRow> hosts(long ringId) {
        return jdbc.sql("SELECT id, ring_id, host_name, batch_no, state, message, target_versions, previous_versions, "
                + "started_at, finished_at FROM dep_host WHERE ring_id = ? ORDER BY host_name")
                .param(ringId).query((rs, n) -> new HostRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        (Integer) rs.getObject(4), HostState.valueOf(rs.getString(5)), rs.getString(6),
                        read(rs.getString(7)), read(rs.getString(8)), instant(rs.getTimestamp(9)),
                        instant(rs.getTimestamp(10))))
                .list();
    }

    public void startHost(long hostId, int batchNo) {
        jdbc.sql("UPDATE dep_host SET state = 'RUNNING', batch_no = ?, message = NULL, started_at = ?, "
                + "finished_at = NULL WHERE id = ?")
                .params(batchNo, Timestamp.from(Instant.now()), hostId).update();
    }

    public void finishHost(long hostId, HostState state, String message, List<PackageTarget> previous) {
        jdbc.sql("UPDATE dep_host SET state = ?, message = ?, previous_versions = COALESCE(?, previous_versions), "
                + "finished_at = ? WHERE id = ?")
                .params(state.name(), message, previous == null || previous.isEmpty() ? null : write(previous),
                        Timestamp.from(Instant.now()), hostId)
                .update();
    }

    public void resetHost(long hostId, List<PackageTarget> targets) {
        jdbc.sql("UPDATE dep_host SET state = 'PENDING', batch_no = NULL, message = NULL, target_versions = ? "
                + "WHERE id = ?").params(write(targets), hostId).update();
    }

    private String write(List<PackageTarget> targets) {
        try {
            return json.writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Package targets cannot be written as JSON", e);
        }
    }

    private List<PackageTarget> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, TARGETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored package targets are not valid JSON", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
