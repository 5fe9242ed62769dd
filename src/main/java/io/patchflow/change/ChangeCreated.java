package io.patchflow.change;

/** The answer to a new change request: {@code {"id","processInstanceId","state"}}. */
public record ChangeCreated(String id, String processInstanceId, ChangeState state) {
}
