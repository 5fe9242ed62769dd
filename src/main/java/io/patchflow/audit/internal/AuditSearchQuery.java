package io.patchflow.audit.internal;

import io.patchflow.audit.AuditEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Runs an {@link AuditSearch}: only the criteria given become conditions, all as bound parameters. */
@Repository
class AuditSearchQuery {

    private final JdbcClient jdbc;

    AuditSearchQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AuditPage run(AuditSearch search) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        add(conditions, params, "change_id = :changeId", "changeId", search.changeId());
        add(conditions, params, "kind = :kind", "kind", search.kind());
        add(conditions, params, "actor = :actor", "actor", search.actor());
        add(conditions, params, "recorded_at >= :from", "from", utc(search.from()));
        add(conditions, params, "recorded_at < :to", "to", utc(search.to()));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);

        long total = jdbc.sql("SELECT COUNT(*) FROM audit_entry" + where).params(params)
                .query(Long.class).single();
        List<AuditEntry> entries = jdbc.sql("SELECT " + AuditEntryStore.COLUMNS + " FROM audit_entry" + where
                + " ORDER BY seq OFFSET " + search.offset() + " ROWS FETCH NEXT " + search.size() + " ROWS ONLY")
                .params(params)
                .query((rs, row) -> AuditEntryStore.stored(rs).entry())
                .list();
        return new AuditPage(entries, search.page(), search.size(), total);
    }

    private static void add(List<String> conditions, Map<String, Object> params, String condition, String name,
            Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value);
        }
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
