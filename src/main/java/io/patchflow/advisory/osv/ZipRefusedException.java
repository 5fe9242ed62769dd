package io.patchflow.advisory.osv;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A zip Patchflow will not unpack: a path that leaves its folder (400) or more than the configured limits allow,
 * such as a decompression bomb (413). Answered as a problem detail naming the entry.
 */
public class ZipRefusedException extends ErrorResponseException {

    ZipRefusedException(HttpStatus status, String entry, String detail) {
        super(status, problem(status, entry, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String entry, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://patchflow.io/problems/zip-refused"));
        problem.setTitle("Zip archive refused");
        if (entry != null) {
            problem.setProperty("entry", entry);
        }
        return problem;
    }

    static ZipRefusedException tooLarge(String entry, String detail) {
        return new ZipRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, entry, detail);
    }

    static ZipRefusedException unsafe(String entry, String detail) {
        return new ZipRefusedException(HttpStatus.BAD_REQUEST, entry, detail);
    }
}
