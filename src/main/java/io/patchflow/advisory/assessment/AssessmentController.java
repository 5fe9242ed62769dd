package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import io.patchflow.shared.BadInputException;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/assessments} (whole fleet against all advisories) and {@code GET /api/v1/findings}: a page of
 * findings as a JSON array, the total number in the {@code X-Total-Count} header.
 */
@RestController
class AssessmentController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final AssessmentService assessments;

    AssessmentController(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @PostMapping("/api/v1/assessments")
    AssessmentResult assess(Principal principal) {
        return assessments.assess(principal.getName());
    }

    @GetMapping("/api/v1/findings")
    ResponseEntity<List<Finding>> findings(@RequestParam(required = false) String host,
            @RequestParam(required = false) String advisory, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        if (status != null && !status.isBlank() && !Set.of(Finding.FIX_AVAILABLE, Finding.NO_FIX).contains(status)) {
            throw new BadInputException("status", "status must be FIX_AVAILABLE or NO_FIX");
        }
        if (page < 0) {
            throw new BadInputException("page", "page starts at 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        String h = blankToNull(host);
        String a = blankToNull(advisory);
        String s = blankToNull(status);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(assessments.count(h, a, s)))
                .body(assessments.page(h, a, s, page, size));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
