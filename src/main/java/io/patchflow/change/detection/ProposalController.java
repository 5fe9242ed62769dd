package io.patchflow.change.detection;

import io.patchflow.shared.BadInputException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/proposals[?state=waiting|started|dismissed]}, {@code GET /api/v1/proposals/{id}},
 * {@code POST /api/v1/proposals/{id}/start} (answers the change id) and {@code POST .../dismiss}
 * with {@code {"reason"}}.
 */
@RestController
class ProposalController {

    private static final int MAX_PAGE_SIZE = 500;
    private static final Set<String> STATES = Set.of(ProposalRepository.WAITING, ProposalRepository.STARTED,
            ProposalRepository.DISMISSED);

    private final ChangeProposals proposals;

    ProposalController(ChangeProposals proposals) {
        this.proposals = proposals;
    }

    record DismissRequest(String reason) {
    }

    @GetMapping("/api/v1/proposals")
    ResponseEntity<List<Proposal>> list(@RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        String s = state == null || state.isBlank() ? null : state.strip().toUpperCase(Locale.ROOT);
        if (s != null && !STATES.contains(s)) {
            throw new BadInputException("state", "state must be waiting, started or dismissed");
        }
        if (page < 0) {
            throw new BadInputException("page", "page starts at 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(proposals.count(s)))
                .body(proposals.list(s, page, size));
    }

    @GetMapping("/api/v1/proposals/{id}")
    Proposal get(@PathVariable String id) {
        return proposals.get(number(id));
    }

    @PostMapping("/api/v1/proposals/{id}/start")
    Map<String, String> start(@PathVariable String id, Principal principal) {
        String changeId = proposals.start(number(id), principal.getName());
        return Map.of("proposal", Proposal.id(number(id)), "change", changeId);
    }

    @PostMapping("/api/v1/proposals/{id}/dismiss")
    Map<String, String> dismiss(@PathVariable String id, @RequestBody(required = false) DismissRequest body,
            Principal principal) {
        proposals.dismiss(number(id), principal.getName(), body == null ? null : body.reason());
        return Map.of("proposal", Proposal.id(number(id)), "state", ProposalRepository.DISMISSED);
    }

    /** Accepts {@code PRP-000042} or {@code 42}. */
    private static long number(String id) {
        String digits = id.startsWith(Proposal.PREFIX) ? id.substring(Proposal.PREFIX.length()) : id;
        try {
            long number = Long.parseLong(digits);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadInputException("id", "a proposal id looks like " + Proposal.id(42));
        }
    }
}
