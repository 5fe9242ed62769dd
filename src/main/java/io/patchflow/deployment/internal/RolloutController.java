package io.patchflow.deployment.internal;

import io.patchflow.deployment.RolloutView;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/changes/{id}/rollout}: rings, batches and per-host states of every stage, with counts. */
@RestController
class RolloutController {

    private final RolloutViews views;

    RolloutController(RolloutViews views) {
        this.views = views;
    }

    @GetMapping("/api/v1/changes/{id}/rollout")
    Map<String, Object> rollout(@PathVariable String id) {
        List<RolloutView> stages = views.forChange(id);
        return Map.of("changeId", id, "stages", stages);
    }
}
