package io.patchflow.advisory.feeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** {@code adv_feed_load}: a row per load, written with the load (success) or on its own (failed pull). */
@Repository
class FeedLoadStore {

    private static final String COLUMNS = "id, feed, started_at, finished_at, loaded_by, origin, succeeded, "
            + "feed_version, published_at, counts, error";

    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper mapper;

    FeedLoadStore(NamedParameterJdbcTemplate named, ObjectMapper mapper) {
        this.named = named;
        this.mapper = mapper;
    }

    /** Opens the load's row in the caller's transaction; it commits or rolls back with the loaded data. */
    long start(Feed feed, String loadedBy, String origin) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        named.update("INSERT INTO adv_feed_load (feed, started_at, loaded_by, origin, succeeded) "
                + "VALUES (:feed, :now, :by, :origin, FALSE)", new MapSqlParameterSource()
                        .addValue("feed", feed.key()).addValue("now", now()).addValue("by", loadedBy)
                        .addValue("origin", origin), key, new String[] {"id"});
        return key.getKey().longValue();
    }

    void finish(long id, String version, OffsetDateTime publishedAt, Map<String, Object> counts) {
        named.update("UPDATE adv_feed_load SET finished_at = :now, succeeded = TRUE, feed_version = :version, "
                + "published_at = :published, counts = :counts WHERE id = :id", new MapSqlParameterSource()
                        .addValue("now", now()).addValue("version", version).addValue("published", publishedAt)
                        .addValue("counts", json(counts)).addValue("id", id));
    }

    /** Records a failed pull in a transaction of its own: the load rolled back, the failure stays visible. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(Feed feed, String loadedBy, String origin, OffsetDateTime startedAt, String error) {
        named.update("INSERT INTO adv_feed_load (feed, started_at, finished_at, loaded_by, origin, succeeded, error) "
                + "VALUES (:feed, :started, :now, :by, :origin, FALSE, :error)", new MapSqlParameterSource()
                        .addValue("feed", feed.key()).addValue("started", startedAt).addValue("now", now())
                        .addValue("by", loadedBy).addValue("origin", origin)
                        .addValue("error", error.length() > 4000 ? error.substring(0, 4000) : error));
    }

    Optional<FeedLoad> lastSuccessful(Feed feed) {
        return named.query("SELECT " + COLUMNS + " FROM adv_feed_load WHERE feed = :feed AND succeeded "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", Map.of("feed", feed.key()), this::row).stream()
                .findFirst();
    }

    Optional<FeedLoad> lastAttempt(Feed feed) {
        return named.query("SELECT " + COLUMNS + " FROM adv_feed_load WHERE feed = :feed "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", Map.of("feed", feed.key()), this::row).stream()
                .findFirst();
    }

    /** How many records of the feed Patchflow holds now. */
    long stored(Feed feed) {
        String sql = switch (feed) {
            case OSV -> "SELECT COUNT(*) FROM adv_advisory WHERE source = 'osv'";
            case DEBIAN_TRACKER -> "SELECT COUNT(*) FROM adv_advisory WHERE source = 'debian-tracker'";
            case KEV -> "SELECT COUNT(*) FROM adv_kev";
            case EPSS -> "SELECT COUNT(*) FROM adv_epss";
        };
        Long count = named.getJdbcTemplate().queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private FeedLoad row(ResultSet rs, int row) throws SQLException {
        return new FeedLoad(rs.getLong("id"), rs.getString("feed"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getString("loaded_by"), rs.getString("origin"),
                rs.getBoolean("succeeded"), rs.getString("feed_version"),
                rs.getObject("published_at", OffsetDateTime.class), counts(rs.getString("counts")),
                rs.getString("error"));
    }

    private Map<String, Object> counts(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("adv_feed_load.counts is not JSON: " + json, e);
        }
    }

    private String json(Map<String, Object> counts) {
        try {
            return mapper.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed counts cannot be written as JSON", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
