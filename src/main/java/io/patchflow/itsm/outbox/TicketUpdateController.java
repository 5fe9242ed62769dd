package io.patchflow.itsm.outbox;

import io.patchflow.itsm.TicketUpdates;
import io.patchflow.shared.ConflictException;
import java.security.Principal;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/itsm/updates/{changeId}/retry}: after the ticket system was fixed, a change manager puts the
 * change's stalled ticket updates back in the queue; the incident is resolved and the change goes on.
 */
@RestController
class TicketUpdateController {

    private final TicketUpdates updates;

    TicketUpdateController(TicketUpdates updates) {
        this.updates = updates;
    }

    @PostMapping("/api/v1/itsm/updates/{changeId}/retry")
    @Transactional
    Map<String, Object> retry(@PathVariable String changeId, Principal user) {
        int requeued = updates.retryStalled(changeId, user.getName());
        if (requeued == 0) {
            throw new ConflictException(changeId + " has no stalled ticket updates; nothing to retry");
        }
        return Map.of("changeId", changeId, "requeued", requeued);
    }
}
