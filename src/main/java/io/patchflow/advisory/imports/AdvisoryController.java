package io.patchflow.advisory.imports;

import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.AdvisoryImportResult;
import io.patchflow.advisory.AdvisoryView;
import io.patchflow.advisory.Advisories;
import io.patchflow.shared.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/advisories} (OSV JSON object, array, or zip) and {@code GET /api/v1/advisories/{id}}. */
@RestController
class AdvisoryController {

    private final AdvisoryImport importer;
    private final Advisories advisories;

    AdvisoryController(AdvisoryImport importer, Advisories advisories) {
        this.importer = importer;
        this.advisories = advisories;
    }

    /** The body is read as a stream (not bound), so a large zip never has to fit in memory. */
    @PostMapping(path = "/api/v1/advisories", consumes = {"application/json", "application/zip",
        "application/x-zip-compressed", "application/octet-stream"})
    AdvisoryImportResult importAdvisories(InputStream body) throws IOException {
        try (body) {
            return importer.importOsv(body);
        }
    }

    @GetMapping("/api/v1/advisories/{id}")
    AdvisoryView advisory(@PathVariable String id) {
        return advisories.advisory(id)
                .orElseThrow(() -> new NotFoundException("No advisory with id '" + id + "'."));
    }
}
