package io.patchflow.advisory.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchflow.advisory.RiskFeeds;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/feeds/kev} (CISA KEV JSON) and {@code POST /api/v1/feeds/epss} (EPSS CSV, plain or gzip). */
@RestController
class FeedController {

    private final RiskFeeds feeds;

    FeedController(RiskFeeds feeds) {
        this.feeds = feeds;
    }

    @PostMapping(path = "/api/v1/feeds/kev", consumes = "application/json")
    Map<String, Object> kev(@RequestBody JsonNode catalog) {
        KevFeedParser.Catalog parsed = KevFeedParser.parse(catalog);
        int stored = feeds.storeKev(parsed.entries(), parsed.version());
        return Map.of("entries", stored, "catalogVersion", String.valueOf(parsed.version()));
    }

    @PostMapping(path = "/api/v1/feeds/epss", consumes = {"text/csv", "text/plain", "application/gzip",
        "application/octet-stream"})
    Map<String, Object> epss(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return Map.of("scores", feeds.storeEpss(EpssFeedParser.parse(gzip ? new GZIPInputStream(in) : in)));
    }
}
