package io.patchflow.advisory;

import java.io.InputStream;

/**
 * Loads OSV advisories: one OSV object, a JSON array of them, or an OSV zip as osv.dev publishes
 * {@code <ecosystem>/all.zip} (recognised by its first bytes). An advisory replaces the stored one with the same id
 * only when its {@code modified} is newer. All or nothing: invalid input changes nothing and raises
 * {@link io.patchflow.shared.BadInputException} naming the path, e.g. {@code [2].affected[0].ranges[0].events[1]}.
 */
public interface AdvisoryImport {

    AdvisoryImportResult importOsv(InputStream content);
}
