package io.patchflow.advisory.imports;

import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.AdvisoryImportResult;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvParser;
import io.patchflow.advisory.osv.OsvReader;
import io.patchflow.advisory.store.AdvisoryWriter;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports OSV advisories in batches inside one transaction: a feed of tens of thousands of records streams through
 * in constant memory, and a bad record anywhere rolls back everything written before it.
 */
@Service
class OsvImporter implements AdvisoryImport {

    private static final int BATCH = 500;

    private final OsvReader reader;
    private final AdvisoryWriter writer;

    OsvImporter(OsvReader reader, AdvisoryWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    @Transactional
    public AdvisoryImportResult importOsv(InputStream content) {
        Tally tally = new Tally();
        Map<String, OsvAdvisory> batch = new LinkedHashMap<>();
        int ignored = reader.read(content, document -> {
            OsvAdvisory advisory = OsvParser.parse(document.node(), document.path());
            OsvAdvisory earlier = batch.get(advisory.id());
            if (earlier != null && !advisory.modified().isAfter(earlier.modified())) {
                tally.skipped++;
                return;
            }
            if (earlier != null) {
                tally.skipped++;
            }
            batch.put(advisory.id(), advisory);
            if (batch.size() >= BATCH) {
                store(batch, tally);
            }
        });
        store(batch, tally);
        return new AdvisoryImportResult(tally.stored, tally.withdrawn, tally.skipped, ignored);
    }

    private static final class Tally {
        int stored;
        int withdrawn;
        int skipped;
    }

    /** Writes the batch: new advisories, and replacements of stored ones that are older. */
    private void store(Map<String, OsvAdvisory> batch, Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, OffsetDateTime> stored = writer.modifiedOf(batch.keySet());
        List<OsvAdvisory> toWrite = new ArrayList<>();
        List<String> toReplace = new ArrayList<>();
        for (OsvAdvisory advisory : batch.values()) {
            OffsetDateTime current = stored.get(advisory.id());
            if (current != null && !advisory.modified().isAfter(current)) {
                tally.skipped++;
                continue;
            }
            if (current != null) {
                toReplace.add(advisory.id());
            }
            toWrite.add(advisory);
            tally.stored++;
            if (advisory.isWithdrawn()) {
                tally.withdrawn++;
            }
        }
        writer.delete(toReplace);
        writer.insert(toWrite);
        batch.clear();
    }
}
