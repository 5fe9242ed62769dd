package io.patchflow.advisory.imports;

import io.patchflow.advisory.AdvisoryImportResult;
import io.patchflow.advisory.AdvisoryView;
import io.patchflow.advisory.Advisories;
import io.patchflow.advisory.feeds.FeedImports;
import io.patchflow.shared.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/advisories} (OSV JSON object, array, or zip; plain JSON may be gzipped) and {@code GET /api/v1/advisories/{id}}. */
@RestController
class AdvisoryController {

    private final FeedImports importer;
    private final Advisories advisories;

    AdvisoryController(FeedImports importer, Advisories advisories) {
        this.importer = importer;
        this.advisories = advisories;
    }

    /**
     * The body is read as a stream (not bound), so a large zip never has to fit in memory. Loaded as a feed: recorded
     * in {@code GET /api/v1/feeds} and the audit trail.
     */
    @PostMapping(path = "/api/v1/advisories", consumes = {"application/json", "application/zip",
        "application/x-zip-compressed", "application/gzip", "application/x-gzip", "application/octet-stream"})
    AdvisoryImportResult importAdvisories(InputStream body, Principal user) throws IOException {
        try (body) {
            return importer.importOsv(body, user.getName(), FeedImports.UPLOAD);
        }
    }

    @GetMapping("/api/v1/advisories/{id}")
    AdvisoryView advisory(@PathVariable String id) {
        return advisories.advisory(id)
                .orElseThrow(() -> new NotFoundException("No advisory with id '" + id + "'."));
    }
}
