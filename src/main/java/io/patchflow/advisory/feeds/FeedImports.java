package io.patchflow.advisory.feeds;

import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.AdvisoryImportResult;
import io.patchflow.advisory.risk.RiskFeedImporter;
import io.patchflow.advisory.risk.RiskFeedImporter.EpssLoad;
import io.patchflow.advisory.risk.RiskFeedImporter.KevLoad;
import io.patchflow.advisory.tracker.DebianTrackerImporter;
import io.patchflow.advisory.tracker.TrackerImportResult;
import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.shared.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.zip.ZipException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way a feed file gets loaded, whether uploaded or pulled: size-limited and gunzipped ({@link FeedInput}),
 * imported in one transaction, recorded as a feed load, and written to the audit trail when it commits. A file that
 * fails changes nothing, its load row included. Loads of one feed run one after the other in this application
 * (an upload waits for a running scheduled pull), commit included: two tracker imports interleaving would each
 * retract what the other wrote.
 */
@Service
public class FeedImports {

    /** Who loads scheduled pulls. */
    public static final String SYSTEM = "system";
    /** The origin of a file that came in a request body. */
    public static final String UPLOAD = "upload";

    private final AdvisoryImport osv;
    private final DebianTrackerImporter tracker;
    private final RiskFeedImporter risk;
    private final FeedLoadStore loads;
    private final AuditTrail audit;
    private final FeedProperties properties;
    private final TransactionTemplate transaction;
    private final Map<Feed, ReentrantLock> locks = new EnumMap<>(Feed.class);

    FeedImports(AdvisoryImport osv, DebianTrackerImporter tracker, RiskFeedImporter risk, FeedLoadStore loads,
            AuditTrail audit, FeedProperties properties, PlatformTransactionManager transactions) {
        this.osv = osv;
        this.tracker = tracker;
        this.risk = risk;
        this.loads = loads;
        this.audit = audit;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        for (Feed feed : Feed.values()) {
            locks.put(feed, new ReentrantLock());
        }
    }

    /** An OSV object, array or zip (zips are limited by {@code patchflow.advisory.zip.*} as well). */
    public AdvisoryImportResult importOsv(InputStream body, String actor, String origin) {
        return load(Feed.OSV, body, actor, origin, (in, loadId) -> osv.importOsv(in), r -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("advisories", r.advisories());
            counts.put("withdrawn", r.withdrawn());
            counts.put("skipped", r.skipped());
            counts.put("ignoredEntries", r.ignoredEntries());
            return new Facts(null, null, counts, r.advisories() + " OSV advisories stored (" + r.withdrawn()
                    + " withdrawn), " + r.skipped() + " not newer than the stored copy");
        });
    }

    public TrackerImportResult importDebianTracker(InputStream body, String actor, String origin) {
        return load(Feed.DEBIAN_TRACKER, body, actor, origin, tracker::importTracker, r -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("packages", r.packages());
            counts.put("issues", r.issues());
            counts.put("advisories", r.advisories());
            counts.put("added", r.added());
            counts.put("changed", r.changed());
            counts.put("unchanged", r.unchanged());
            counts.put("retracted", r.retracted());
            counts.put("fixed", r.fixed());
            counts.put("noFix", r.noFix());
            counts.put("notAffected", r.notAffected());
            counts.put("skippedReleases", r.skippedReleases());
            counts.put("unknownCodenames", String.join(",", r.unknownCodenames()));
            return new Facts(null, null, counts, "Debian security tracker: " + r.advisories() + " advisories ("
                    + r.added() + " new, " + r.changed() + " changed), " + r.retracted() + " retracted");
        });
    }

    public KevLoad importKev(InputStream body, String actor, String origin) {
        return load(Feed.KEV, body, actor, origin, (in, loadId) -> risk.importKev(in), r -> new Facts(
                r.catalogVersion(), r.dateReleased(), Map.of("entries", r.entries()), "CISA KEV catalog "
                        + r.catalogVersion() + " with " + r.entries() + " entries"));
    }

    public EpssLoad importEpss(InputStream body, String actor, String origin) {
        return load(Feed.EPSS, body, actor, origin, (in, loadId) -> risk.importEpss(in), r -> new Facts(
                r.modelVersion(), r.scoreDate() == null ? null : r.scoreDate().atStartOfDay().atOffset(
                        ZoneOffset.UTC), Map.of("scores", r.scores()), "EPSS scores of " + r.scoreDate()
                        + " (model " + r.modelVersion() + "): " + r.scores()));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(InputStream in, long loadId);
    }

    /** What the load record and the audit entry say about a load. */
    private record Facts(String version, OffsetDateTime publishedAt, Map<String, Object> counts, String summary) {
    }

    private <T> T load(Feed feed, InputStream body, String actor, String origin, Work<T> work,
            Function<T, Facts> facts) {
        ReentrantLock lock = locks.get(feed);
        lock.lock();
        try {
            return transaction.execute(status -> loadInTransaction(feed, body, actor, origin, work, facts));
        } finally {
            lock.unlock();
        }
    }

    private <T> T loadInTransaction(Feed feed, InputStream body, String actor, String origin, Work<T> work,
            Function<T, Facts> facts) {
        long loadId = loads.start(feed, actor, origin);
        T result;
        try (InputStream in = FeedInput.open(body, properties.maxSize(), properties.maxCompressionRatio())) {
            result = work.run(in, loadId);
        } catch (IOException e) {
            throw unreadable(e);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        }
        Facts f = facts.apply(result);
        loads.finish(loadId, f.version(), f.publishedAt(), f.counts());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("feed", feed.key());
        inputs.put("origin", origin);
        inputs.put("version", f.version());
        inputs.put("publishedAt", f.publishedAt() == null ? null : f.publishedAt().toString());
        Map<String, Object> outcome = new LinkedHashMap<>(f.counts());
        outcome.put("loadId", loadId);
        audit.recordAtCommit(new AuditRecord(null, "feed.loaded", actor, f.summary(), null, inputs, outcome));
        return result;
    }

    /** A broken gzip stream is the sender's mistake (400); other I/O failures are not. */
    private static RuntimeException unreadable(IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new BadInputException(null, "The feed file is not a complete gzip stream: " + e.getMessage());
        }
        return new UncheckedIOException(e);
    }
}
