package io.patchflow.advisory.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FeedScheduleTest {

    private static final FeedProperties.Source NONE = new FeedProperties.Source(null, "0 0 4 * * *");

    private static FeedProperties properties(FeedProperties.Source osv, FeedProperties.Source kev) {
        return new FeedProperties(DataSize.ofGigabytes(1), 100, Duration.ofSeconds(30), Duration.ofMinutes(10), osv,
                NONE, kev, NONE);
    }

    @Test
    void onlyFeedsWithAUrlArePulled() {
        var schedules = FeedSchedule.schedules(properties(new FeedProperties.Source(List.of(
                URI.create("https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip"),
                URI.create("https://osv-vulnerabilities.storage.googleapis.com/Go/all.zip")), "0 15 3 * * *"), NONE));

        assertThat(schedules).containsOnlyKeys(Feed.OSV);
        assertThat(FeedSchedule.nextPull(schedules.get(Feed.OSV))).isNotNull();
    }

    @Test
    void aCronThatDoesNotParseStopsTheStartNamingTheProperty() {
        FeedProperties broken = properties(NONE, new FeedProperties.Source(
                List.of(URI.create("https://www.cisa.gov/kev.json")), "every day"));

        assertThatThrownBy(() -> FeedSchedule.schedules(broken)).hasMessageContaining("patchflow.feeds.kev.cron");
    }
}
