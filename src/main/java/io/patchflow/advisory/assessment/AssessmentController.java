package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import io.patchflow.shared.BadInputException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/assessments} (whole fleet against all advisories), {@code GET /api/v1/assessments[/{id}]}
 * (recent ones first) and {@code GET /api/v1/findings}: pages as JSON arrays, the total number in the
 * {@code X-Total-Count} header. Findings are open ones unless {@code state=resolved} or {@code state=all}.
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

    @GetMapping("/api/v1/assessments")
    ResponseEntity<List<AssessmentResult>> recent(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(assessments.countAssessments()))
                .body(assessments.assessments(page, size));
    }

    @GetMapping("/api/v1/assessments/{id}")
    AssessmentResult assessment(@PathVariable String id) {
        try {
            return assessments.assessment(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new BadInputException("id", "an assessment id is a number, e.g. 42");
        }
    }

    @GetMapping("/api/v1/findings")
    ResponseEntity<List<Finding>> findings(@RequestParam(required = false) String host,
            @RequestParam(required = false) String advisory, @RequestParam(required = false) String status,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        if (status != null && !status.isBlank() && !Set.of(Finding.FIX_AVAILABLE, Finding.NO_FIX).contains(status)) {
            throw new BadInputException("status", "status must be FIX_AVAILABLE or NO_FIX");
        }
        checkPage(page, size);
        FindingQuery query = new FindingQuery(blankToNull(host), blankToNull(advisory), blankToNull(status),
                state(state));
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(assessments.count(query)))
                .body(assessments.page(query, page, size));
    }

    private static FindingRepository.State state(String state) {
        if (state == null || state.isBlank()) {
            return FindingRepository.State.OPEN;
        }
        try {
            return FindingRepository.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("state", "state must be open, resolved or all");
        }
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new BadInputException("page", "page starts at 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
