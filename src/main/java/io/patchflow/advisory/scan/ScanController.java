package io.patchflow.advisory.scan;

import io.patchflow.advisory.scan.parse.ScanFormat;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /api/v1/scans?format=...[&host=...]} imports a scanner report as the scanner wrote it (any content
 * type: JSON or XML is told from the body); {@code GET /api/v1/scans?page=&size=} lists the imports, newest first;
 * {@code GET /api/v1/scans/{id}} and
 * {@code GET /api/v1/scans/{id}/findings?page=&size=&suppressed=} read it back, the findings as a JSON array with
 * the total in the {@code X-Total-Count} header.
 */
@RestController
class ScanController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final ScanImporter importer;
    private final ScanRepository scans;

    ScanController(ScanImporter importer, ScanRepository scans) {
        this.importer = importer;
        this.scans = scans;
    }

    /**
     * The body is read as a stream (not bound), so a large report never has to sit in memory as a whole. The query
     * is read from the query string itself: asking the servlet for a parameter would make it consume a body sent
     * as a form, which is what {@code curl --data-binary} does unless told otherwise.
     */
    @PostMapping("/api/v1/scans")
    ScanView importScan(HttpServletRequest request, Principal principal) throws IOException {
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance().query(request.getQueryString())
                .build().getQueryParams();
        ScanFormat scanFormat = ScanFormat.of(decoded(query.getFirst("format")));
        String host = decoded(query.getFirst("host"));
        importer.checkDeclaredSize(request.getContentLengthLong());
        try (InputStream body = request.getInputStream()) {
            return importer.importReport(scanFormat, body, host, principal == null ? null : principal.getName());
        }
    }

    @GetMapping("/api/v1/scans")
    ResponseEntity<List<ScanView>> scans(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(scans.countReports()))
                .body(scans.reports(page, size));
    }

    @GetMapping("/api/v1/scans/{id}")
    ScanView scan(@PathVariable long id) {
        return scans.report(id).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/scans/{id}/findings")
    ResponseEntity<List<ScanFindingView>> findings(@PathVariable long id,
            @RequestParam(defaultValue = "false") boolean suppressed, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        if (!scans.exists(id)) {
            throw notFound(id);
        }
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(scans.countFindings(id, suppressed)))
                .body(scans.findings(id, suppressed, page, size));
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new BadInputException("page", "page starts at 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    private static String decoded(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No imported scan with id " + id + ".");
    }
}
