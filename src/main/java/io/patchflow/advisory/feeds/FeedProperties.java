package io.patchflow.advisory.feeds;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code patchflow.feeds.*}: how large a feed file may be (after gunzip; uploads and pulls alike), how long a pull
 * may take, and for each feed where and when to pull it. A feed without URL is never pulled: offline installations
 * upload files instead. The OSV feed may list several URLs (one {@code all.zip} per ecosystem).
 */
@ConfigurationProperties("patchflow.feeds")
public record FeedProperties(@DefaultValue("1GB") DataSize maxSize, @DefaultValue("100") int maxCompressionRatio,
        @DefaultValue("30s") Duration connectTimeout, @DefaultValue("10m") Duration readTimeout,
        @DefaultValue Source osv, @DefaultValue Source debianTracker, @DefaultValue Source kev,
        @DefaultValue Source epss) {

    /** Where and when one feed is pulled; {@code cron} is a Spring cron expression (seconds first). */
    public record Source(List<URI> url, @DefaultValue("0 0 4 * * *") String cron) {

        public Source {
            url = url == null ? List.of() : List.copyOf(url);
        }

        public boolean enabled() {
            return !url.isEmpty();
        }
    }

    public Source source(Feed feed) {
        return switch (feed) {
            case OSV -> osv;
            case DEBIAN_TRACKER -> debianTracker;
            case KEV -> kev;
            case EPSS -> epss;
        };
    }
}
