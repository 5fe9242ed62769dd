package io.patchflow.advisory.feeds;

import io.patchflow.advisory.risk.RiskFeedImporter.EpssLoad;
import io.patchflow.advisory.risk.RiskFeedImporter.KevLoad;
import io.patchflow.advisory.tracker.TrackerImportResult;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/feeds} (every feed's state) and the uploads {@code POST /api/v1/feeds/kev} (CISA KEV JSON),
 * {@code /feeds/epss} (EPSS CSV) and {@code /feeds/debian-tracker} (tracker JSON), each plain or gzip as
 * published. Bodies are read as streams, never bound, so a large file never sits in memory.
 */
@RestController
class FeedController {

    private final FeedImports imports;
    private final FeedLoadStore loads;
    private final FeedProperties properties;

    FeedController(FeedImports imports, FeedLoadStore loads, FeedProperties properties) {
        this.imports = imports;
        this.loads = loads;
        this.properties = properties;
    }

    @GetMapping("/api/v1/feeds")
    List<FeedStatus> feeds() {
        var schedules = FeedSchedule.schedules(properties);
        return Arrays.stream(Feed.values()).map(feed -> {
            CronExpression cron = schedules.get(feed);
            FeedStatus.Schedule schedule = cron == null ? null : new FeedStatus.Schedule(
                    properties.source(feed).url(), properties.source(feed).cron(), FeedSchedule.nextPull(cron));
            return new FeedStatus(feed.key(), feed.title(), loads.stored(feed), loads.lastSuccessful(feed)
                    .orElse(null), loads.lastAttempt(feed).orElse(null), schedule);
        }).toList();
    }

    @PostMapping(path = "/api/v1/feeds/kev", consumes = {"application/json", "application/gzip",
        "application/x-gzip", "application/octet-stream"})
    KevLoad kev(InputStream body, Principal user) throws IOException {
        try (body) {
            return imports.importKev(body, user.getName(), FeedImports.UPLOAD);
        }
    }

    @PostMapping(path = "/api/v1/feeds/epss", consumes = {"text/csv", "text/plain", "application/gzip",
        "application/x-gzip", "application/octet-stream"})
    EpssLoad epss(InputStream body, Principal user) throws IOException {
        try (body) {
            return imports.importEpss(body, user.getName(), FeedImports.UPLOAD);
        }
    }

    @PostMapping(path = "/api/v1/feeds/debian-tracker", consumes = {"application/json", "application/gzip",
        "application/x-gzip", "application/octet-stream"})
    TrackerImportResult debianTracker(InputStream body, Principal user) throws IOException {
        try (body) {
            return imports.importDebianTracker(body, user.getName(), FeedImports.UPLOAD);
        }
    }
}
