package io.patchflow.change.internal;

import io.patchflow.change.ChangeCreated;
import io.patchflow.change.ChangeRequests;
import io.patchflow.change.ChangeState;
import io.patchflow.change.ChangeView;
import io.patchflow.change.NewChange;
import io.patchflow.security.CurrentUser;
import io.patchflow.shared.BadInputException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/changes}: request a patch change, read it and its rollout, cancel it. */
@RestController
@RequestMapping("/api/v1/changes")
class ChangeController {

    private final ChangeRequests changes;

    ChangeController(ChangeRequests changes) {
        this.changes = changes;
    }

    record ChangeRequest(String title, List<String> advisories, List<String> hosts, String requestedBy,
            String patchKind, Boolean rebootRequired, Boolean vendorTrusted) {
    }

    record CancelRequest(String reason) {
    }

    /**
     * The requester is the authenticated user. {@code requestedBy} may name someone else only for administrators
     * (imports from another system); otherwise it must match, so nobody can dodge separation of duties.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ChangeCreated request(@RequestBody ChangeRequest body) {
        String user = CurrentUser.id().orElseThrow();
        String requester = body.requestedBy() == null ? user : body.requestedBy();
        if (!requester.equals(user) && !CurrentUser.hasRole("patchflow-admins")) {
            throw new BadInputException("requestedBy", "requestedBy must be you (" + user + "); only administrators "
                    + "may request a change on behalf of someone else");
        }
        return changes.request(new NewChange(body.title(), body.advisories(), body.hosts(), requester,
                body.patchKind(), Boolean.TRUE.equals(body.rebootRequired()),
                body.vendorTrusted() == null || body.vendorTrusted()));
    }

    @GetMapping("/{id}")
    ChangeView get(@PathVariable String id) {
        return changes.get(id);
    }

    /** Rings, batches and per-host states of every stage of the change's rollout, with counts (404: no change). */
    @GetMapping("/{id}/rollout")
    Map<String, Object> rollout(@PathVariable String id) {
        return Map.of("changeId", id, "stages", changes.rollout(id));
    }

    @GetMapping
    List<ChangeView> list(@RequestParam(required = false) ChangeState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new BadInputException("page", "page must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw new BadInputException("size", "size must be between 1 and 500");
        }
        return changes.list(state, page, size);
    }

    @PostMapping("/{id}/cancel")
    Map<String, String> cancel(@PathVariable String id, @RequestBody CancelRequest body) {
        changes.cancel(id, CurrentUser.id().orElseThrow(), body == null ? null : body.reason());
        return Map.of("id", id, "state", "CANCELLING");
    }
}
