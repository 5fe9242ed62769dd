package io.patchflow.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for audit_checkpoint, which, like audit_entry, only ever grows. */
@Repository
class CheckpointStore {

    private final JdbcClient jdbc;

    CheckpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Checkpoint checkpoint) {
        jdbc.sql("INSERT INTO audit_checkpoint (seq, entry_id, hash, sealed_at, hmac) "
                + "VALUES (:seq, :entryId, :hash, :sealedAt, :hmac)")
                .param("seq", checkpoint.seq())
                .param("entryId", checkpoint.entryId())
                .param("hash", checkpoint.hash())
                .param("sealedAt", OffsetDateTime.ofInstant(checkpoint.sealedAt(), ZoneOffset.UTC))
                .param("hmac", checkpoint.hmac())
                .update();
    }

    Optional<Checkpoint> latest() {
        return jdbc.sql("SELECT seq, entry_id, hash, sealed_at, hmac FROM audit_checkpoint ORDER BY seq DESC "
                + "FETCH FIRST 1 ROWS ONLY")
                .query((rs, row) -> new Checkpoint(rs.getLong("seq"), rs.getLong("entry_id"), rs.getString("hash"),
                        rs.getObject("sealed_at", OffsetDateTime.class).toInstant(), rs.getString("hmac")))
                .optional();
    }
}
