package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for audit_entry: insert and read only, as the table allows nothing else. */
@Repository
class AuditEntryStore {

    static final String COLUMNS = "id, seq, change_id, recorded_at, kind, actor, summary, reason, inputs, outcome, "
            + "previous_hash, hash";

    private final JdbcClient jdbc;

    AuditEntryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the entry and returns its generated id. */
    long insert(EntryHash fields, String hash) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO audit_entry (seq, change_id, recorded_at, kind, actor, summary, reason, inputs, "
                + "outcome, previous_hash, hash) VALUES (:seq, :changeId, :at, :kind, :actor, :summary, :reason, "
                + ":inputs, :outcome, :previousHash, :hash)")
                .param("seq", fields.seq())
                .param("changeId", fields.changeId())
                .param("at", OffsetDateTime.ofInstant(fields.at(), ZoneOffset.UTC))
                .param("kind", fields.kind())
                .param("actor", fields.actor())
                .param("summary", fields.summary())
                .param("reason", fields.reason())
                .param("inputs", fields.inputsJson())
                .param("outcome", fields.outcomeJson())
                .param("previousHash", fields.previousHash())
                .param("hash", hash)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<AuditEntry> forChange(String changeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE change_id = :changeId ORDER BY seq")
                .param("changeId", changeId)
                .query((rs, row) -> stored(rs).entry())
                .list();
    }

    /** Up to {@code limit} entries after position {@code afterSeq} and not beyond {@code lastSeq}, in order. */
    List<StoredEntry> batch(long afterSeq, long lastSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > :after AND seq <= :last ORDER BY seq "
                + "FETCH FIRST " + limit + " ROWS ONLY")
                .param("after", afterSeq)
                .param("last", lastSeq)
                .query((rs, row) -> stored(rs))
                .list();
    }

    Optional<StoredEntry> atSeq(long seq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE seq = :seq")
                .param("seq", seq)
                .query((rs, row) -> stored(rs))
                .optional();
    }

    static StoredEntry stored(ResultSet rs) throws SQLException {
        String inputs = rs.getString("inputs");
        String outcome = rs.getString("outcome");
        AuditEntry entry = new AuditEntry(rs.getLong("id"), rs.getString("change_id"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("kind"),
                rs.getString("actor"), rs.getString("summary"), rs.getString("reason"), readable(inputs),
                readable(outcome), rs.getString("previous_hash"), rs.getString("hash"));
        return new StoredEntry(rs.getLong("seq"), entry, inputs, outcome);
    }

    /** Null for text that is not JSON: only tampering produces it, and verification reports that entry. */
    private static Map<String, Object> readable(String json) {
        try {
            return CanonicalJson.read(json);
        } catch (IllegalStateException notJson) {
            return null;
        }
    }
}
