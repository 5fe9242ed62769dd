package io.patchflow.advisory.scan;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A report larger than {@code patchflow.scans.max-bytes}: answered 413 with the limit and how to raise it. */
class ReportTooLargeException extends ErrorResponseException {

    ReportTooLargeException(long limit) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, problem(limit), null);
    }

    private static ProblemDetail problem(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "The report is larger "
                + "than " + limit + " bytes, the most Patchflow accepts (patchflow.scans.max-bytes). Nothing was "
                + "imported; split the scan or raise the limit.");
        problem.setType(URI.create("https://patchflow.io/problems/report-too-large"));
        problem.setTitle("Report too large");
        problem.setProperty("maxBytes", limit);
        return problem;
    }
}
