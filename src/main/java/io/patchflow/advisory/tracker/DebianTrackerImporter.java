package io.patchflow.advisory.tracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.store.AdvisoryWriter;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the Debian security tracker JSON as advisories {@code DEBIAN-TRACKER:<source package>:<issue>} (aliases:
 * the issue, e.g. the CVE id), so they never collide with OSV's DSA, DLA and DEBIAN-CVE records. The file replaces
 * the previous import as a whole: what it no longer lists is deleted. Unchanged advisories keep their rows and their
 * {@code modified}; changed ones are rewritten with {@code modified} = the import time. One transaction: a bad entry
 * anywhere leaves the previous import as it was.
 */
@Service
public class DebianTrackerImporter {

    private static final Logger log = LoggerFactory.getLogger(DebianTrackerImporter.class);
    private static final int BATCH = 500;

    private final DebianTrackerReader reader;
    private final AdvisoryWriter writer;

    DebianTrackerImporter(ObjectMapper mapper, AdvisoryWriter writer) {
        this.reader = new DebianTrackerReader(mapper);
        this.writer = writer;
    }

    /** Imports the file as load {@code loadId} (the feed load row that records this import). */
    @Transactional
    public TrackerImportResult importTracker(InputStream json, long loadId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Writes writes = new Writes(loadId, now);
        Map<String, TrackerAdvisory> batch = new LinkedHashMap<>();
        TrackerTally tally = reader.read(json, advisory -> {
            batch.put(advisory.advisory().id(), advisory);
            if (batch.size() >= BATCH) {
                writes.flush(batch);
            }
        });
        writes.flush(batch);
        int retracted = writer.deleteNotInLoad(AdvisoryWriter.DEBIAN_TRACKER, loadId);
        if (!tally.unknownCodenames.isEmpty()) {
            log.warn("Debian tracker: {} entries of releases Patchflow does not know were skipped: {}",
                    tally.skippedReleases, tally.unknownCodenames);
        }
        return new TrackerImportResult(tally.packages, tally.issues, writes.added + writes.changed + writes.unchanged,
                writes.added, writes.changed, writes.unchanged, retracted, tally.fixed, tally.noFix,
                tally.notAffected, tally.skippedReleases, Set.copyOf(tally.unknownCodenames));
    }

    /** Writes batches: new and changed advisories in full, unchanged ones only moved on to this load. */
    private final class Writes {

        private final long loadId;
        private final OffsetDateTime now;
        int added;
        int changed;
        int unchanged;

        Writes(long loadId, OffsetDateTime now) {
            this.loadId = loadId;
            this.now = now;
        }

        void flush(Map<String, TrackerAdvisory> batch) {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, String> stored = writer.hashesOf(batch.keySet(), AdvisoryWriter.DEBIAN_TRACKER);
            List<String> keep = new ArrayList<>();
            List<String> replace = new ArrayList<>();
            List<OsvAdvisory> write = new ArrayList<>();
            Map<String, String> hashes = new HashMap<>();
            for (TrackerAdvisory t : batch.values()) {
                String id = t.advisory().id();
                if (stored.containsKey(id) && Objects.equals(stored.get(id), t.contentHash())) {
                    keep.add(id);
                    unchanged++;
                    continue;
                }
                if (stored.containsKey(id)) {
                    replace.add(id);
                    changed++;
                } else {
                    added++;
                }
                write.add(withModified(t.advisory(), now));
                hashes.put(id, t.contentHash());
            }
            writer.keepInLoad(keep, loadId);
            writer.delete(replace);
            writer.insert(write, AdvisoryWriter.DEBIAN_TRACKER, loadId, hashes);
            batch.clear();
        }
    }

    private static OsvAdvisory withModified(OsvAdvisory a, OffsetDateTime modified) {
        return new OsvAdvisory(a.id(), a.aliases(), a.summary(), modified, null, null, a.affected(), a.cvssVector(),
                a.cvssScore(), a.databaseCvssScore(), a.databaseSpecific());
    }
}
