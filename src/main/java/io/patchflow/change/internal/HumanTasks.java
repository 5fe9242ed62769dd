package io.patchflow.change.internal;

/** The user tasks of the lifecycle, by their BPMN ids, and the form fields each one takes. */
public final class HumanTasks {

    public static final String SIGN_OFF_TEST = "signOffTest";
    public static final String CAB_VOTE = "cabVote";
    public static final String ECAB_VOTE = "ecabVote";
    public static final String OVERRIDE_FREEZE = "overrideFreeze";
    public static final String FAILED_ROLLOUT = "decideFailedRollout";
    public static final String REMEDIATE = "remediate";
    public static final String REVIEW = "pir";
    public static final String PROMOTE_RING = "promote";

    public static final String TEST_RESULT = "testResult";
    public static final String TEST_EVIDENCE = "testEvidence";
    public static final String VOTE = "vote";
    public static final String REASON = "reason";
    public static final String OVERRIDE = "override";
    public static final String JUSTIFICATION = "justification";
    public static final String DECISION = "decision";
    public static final String EXPIRES_ON = "expiresOn";
    public static final String REVIEW_NOTES = "reviewNotes";
    public static final String PROMOTE_FIELD = "promote";

    private HumanTasks() {
    }

    public static String voteStage(String taskKey) {
        return ECAB_VOTE.equals(taskKey) ? "ecab" : "cab";
    }
}
