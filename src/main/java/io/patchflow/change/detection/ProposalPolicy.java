package io.patchflow.change.detection;

import io.patchflow.advisory.FixGroups.FixGroup;
import java.util.Map;

/** Decides whether a proposed change starts the lifecycle at once or waits for an operator. */
public interface ProposalPolicy {

    Decision decide(FixGroup group);

    /** The answer, with the reason, the table version and the exact inputs, for the record. */
    record Decision(boolean autoStart, String reason, String version, Map<String, Object> inputs) {
    }
}
