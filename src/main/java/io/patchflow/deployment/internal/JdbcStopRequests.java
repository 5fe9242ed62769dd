package io.patchflow.deployment.internal;

import io.patchflow.deployment.StopRequests;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stop requests in {@code dep_stop_request}, shared by every node on the database. */
@Repository
class JdbcStopRequests implements StopRequests {

    private final JdbcClient jdbc;

    JdbcStopRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void request(String changeId) {
        try {
            jdbc.sql("INSERT INTO dep_stop_request (change_id, requested_at) SELECT ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM dep_stop_request WHERE change_id = ?)")
                    .params(changeId, Timestamp.from(Instant.now()), changeId).update();
        } catch (DuplicateKeyException alreadyRequested) {
            // Another node's request for the same change committed in between: the request stands.
        }
    }

    @Override
    public boolean requested(String changeId) {
        return jdbc.sql("SELECT COUNT(*) FROM dep_stop_request WHERE change_id = ?").param(changeId)
                .query(Long.class).single() > 0;
    }
}
