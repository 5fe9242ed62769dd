package io.patchflow.change.internal;

/** The votes so far: decided when any vote rejects or the approvals reach the quorum. */
public record VoteTally(int approvals, int rejections, int quorum) {

    public boolean decided() {
        return rejections > 0 || approvals >= quorum;
    }

    public boolean approved() {
        return rejections == 0 && approvals >= quorum;
    }
}
