package io.patchflow.advisory.feeds;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One load of a feed as recorded: when, by whom ({@code system} for scheduled pulls), from where ({@code upload} or
 * the URL), whether it succeeded, what the file said about itself (KEV catalog version and release time, EPSS model
 * version and score date) and what the load counted, or why it failed.
 */
public record FeedLoad(long id, String feed, OffsetDateTime startedAt, OffsetDateTime finishedAt, String loadedBy,
        String origin, boolean succeeded, String version, OffsetDateTime publishedAt, Map<String, Object> counts,
        String error) {
}
