package io.patchflow.change.internal;

import java.util.Map;

/** A DMN decision as the engine made it: which table, which version, on which inputs, with which outputs. */
public record PolicyDecision(String decisionKey, int version, String decisionDefinitionId,
        Map<String, Object> inputs, Map<String, Object> outputs) {

    public String output(String name) {
        Object value = outputs.get(name);
        return value == null ? null : value.toString();
    }
}
