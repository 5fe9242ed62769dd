package io.patchflow.advisory.feeds;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One feed in {@code GET /api/v1/feeds}: how many of its records Patchflow holds, its last successful load, its last
 * attempt (a failed pull shows here with its error), and its pull schedule (absent when no URL is configured).
 */
public record FeedStatus(String feed, String title, long stored, FeedLoad lastLoad, FeedLoad lastAttempt,
        Schedule schedule) {

    /** Where the feed is pulled from, the cron expression, and when the next pull is due. */
    public record Schedule(List<URI> urls, String cron, OffsetDateTime nextPull) {
    }
}
