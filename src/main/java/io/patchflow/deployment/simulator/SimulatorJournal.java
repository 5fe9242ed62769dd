package io.patchflow.deployment.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.deployment.DeploymentRun;
import io.patchflow.deployment.HostOutcome;
import io.patchflow.deployment.HostState;
import io.patchflow.deployment.PackageTarget;
import io.patchflow.deployment.PackageTargetsJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the simulated fleet has applied, one row per change, stage, attempt, action and host (dep_sim_journal). The
 * unique key is what makes an application happen once: a second writer of the same row fails, and its transaction,
 * which carries the inventory update, rolls back with it.
 */
class SimulatorJournal {

    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final PackageTargetsJson versions;

    SimulatorJournal(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.versions = new PackageTargetsJson(json);
    }

    /** The answers already given for these hosts in this run's change, stage and attempt, by host. */
    Map<String, HostOutcome> answers(DeploymentRun run, String action, List<String> hosts) {
        Map<String, HostOutcome> answers = new HashMap<>();
        for (int from = 0; from < hosts.size(); from += CHUNK) {
            List<String> chunk = hosts.subList(from, Math.min(hosts.size(), from + CHUNK));
            jdbc.sql("SELECT host_name, state, message, previous_versions FROM dep_sim_journal "
                    + "WHERE change_id = :change AND stage = :stage AND attempt = :attempt AND action = :action "
                    + "AND host_name IN (:hosts)")
                    .param("change", run.changeId()).param("stage", run.stage()).param("attempt", run.attempt())
                    .param("action", action).param("hosts", chunk)
                    .query((rs, n) -> new HostOutcome(rs.getString(1), HostState.valueOf(rs.getString(2)),
                            rs.getString(3), versions.read(rs.getString(4))))
                    .list().forEach(o -> answers.put(o.host(), o));
        }
        return answers;
    }

    /**
     * Journals the answers; must run in the transaction that applies them. Throws a DataIntegrityViolationException
     * when another run journaled one of the hosts first.
     */
    void record(DeploymentRun run, String action, List<HostOutcome> outcomes) {
        Timestamp now = Timestamp.from(Instant.now());
        batches.batchUpdate("INSERT INTO dep_sim_journal (change_id, stage, attempt, action, host_name, state, "
                + "message, previous_versions, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", outcomes, CHUNK,
                (ps, o) -> {
                    ps.setString(1, run.changeId());
                    ps.setString(2, run.stage());
                    ps.setInt(3, run.attempt());
                    ps.setString(4, action);
                    ps.setString(5, o.host());
                    ps.setString(6, o.state().name());
                    ps.setString(7, o.message());
                    ps.setString(8, versions.write(o.previousVersions()));
                    ps.setTimestamp(9, now);
                });
    }

}
