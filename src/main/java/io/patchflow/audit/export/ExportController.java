package io.patchflow.audit.export;

import java.security.Principal;
import java.util.Base64;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Signed evidence packs, per change or per period. Who may call it is decided in SecurityConfig. */
@RestController
class ExportController {

    private final EvidenceExports exports;
    private final ExportSigning signing;

    ExportController(EvidenceExports exports, ExportSigning signing) {
        this.exports = exports;
        this.signing = signing;
    }

    @GetMapping("/api/v1/audit/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String changeId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "json") String format, Principal user) {
        PackFormat packFormat = PackFormat.of(format);
        EvidenceExports.Export export = exports.export(EvidenceScope.of(changeId, from, to), packFormat,
                user.getName());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .body(export.bytes());
    }

    /** The public key that verifies this installation's packs (PEM); 404 when packs are signed with HMAC. */
    @GetMapping(path = "/api/v1/audit/export/public-key", produces = "application/x-pem-file")
    ResponseEntity<String> publicKey() {
        return signing.publicKey()
                .map(key -> ResponseEntity.ok("-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                        + "\n-----END PUBLIC KEY-----\n"))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(ExportNotConfiguredException.class)
    ProblemDetail notConfigured(ExportNotConfiguredException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Evidence exports are not configured");
        problem.setType(java.net.URI.create("https://patchflow.io/problems/export-not-configured"));
        return problem;
    }
}
