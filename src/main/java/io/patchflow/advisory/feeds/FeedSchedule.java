package io.patchflow.advisory.feeds;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Registers a cron task per feed that has a URL ({@code patchflow.feeds.<feed>.url} and {@code .cron}); a feed
 * without URL is never pulled. A cron expression that does not parse stops the start-up, naming the property.
 */
@Component
class FeedSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(FeedSchedule.class);

    private final FeedProperties properties;
    private final FeedPuller puller;

    FeedSchedule(FeedProperties properties, FeedPuller puller) {
        this.properties = properties;
        this.puller = puller;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        schedules(properties).forEach((feed, cron) -> {
            registrar.addCronTask(() -> puller.pull(feed), cron.toString());
            log.info("Feed {} is pulled from {} on '{}'", feed.key(), properties.source(feed).url(), cron);
        });
    }

    /** The feeds to pull, with their parsed cron expressions. */
    static Map<Feed, CronExpression> schedules(FeedProperties properties) {
        Map<Feed, CronExpression> schedules = new EnumMap<>(Feed.class);
        for (Feed feed : Feed.values()) {
            FeedProperties.Source source = properties.source(feed);
            if (source.enabled()) {
                try {
                    schedules.put(feed, CronExpression.parse(source.cron()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("patchflow.feeds." + feed.key() + ".cron '" + source.cron()
                            + "' is not a cron expression (six fields, seconds first): " + e.getMessage(), e);
                }
            }
        }
        return schedules;
    }

    static OffsetDateTime nextPull(CronExpression cron) {
        var next = cron.next(OffsetDateTime.now(ZoneId.systemDefault()).toZonedDateTime());
        return next == null ? null : next.toOffsetDateTime();
    }
}
