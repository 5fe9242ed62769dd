package io.patchflow.advisory.feeds;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A feed file larger than {@code patchflow.feeds.max-size} allows, or a gzip bomb: answered 413, nothing stored. */
public class FeedTooLargeException extends ErrorResponseException {

    FeedTooLargeException(String detail) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, detail);
        problem.setType(URI.create("https://patchflow.io/problems/feed-too-large"));
        problem.setTitle("Feed file refused");
        return problem;
    }
}
