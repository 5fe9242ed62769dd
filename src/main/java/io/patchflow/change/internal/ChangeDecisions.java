package io.patchflow.change.internal;

import static io.patchflow.change.internal.HumanTasks.*;

import io.patchflow.change.ChangeState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people and policies decide on a change: each decision is stored, put on the audit record with who, when,
 * what and why, and commented on the change's ticket.
 */
@Component
public class ChangeDecisions {

    private final ChangeRepository changes;
    private final ChangeAudit audit;
    private final ChangeTickets tickets;
    private final ChangeScheduling scheduling;

    ChangeDecisions(ChangeRepository changes, ChangeAudit audit, ChangeTickets tickets, ChangeScheduling scheduling) {
        this.changes = changes;
        this.audit = audit;
        this.tickets = tickets;
        this.scheduling = scheduling;
    }

    @Transactional
    public boolean signOffTest(String changeId, String user, TaskInput input) {
        String result = input.string(TEST_RESULT);
        String evidence = input.string(TEST_EVIDENCE);
        changes.addParticipant(changeId, SeparationOfDuties.TESTER, user);
        boolean passed = "passed".equals(result);
        if (passed) {
            changes.moveTo(changeId, ChangeState.AWAITING_APPROVAL, "approval");
        }
        decided(changeId, "test.sign-off", user, "Test " + result, evidence, Map.of("task", SIGN_OFF_TEST),
                Map.of("testResult", result));
        return passed;
    }

    @Transactional
    public VoteTally vote(String changeId, String taskKey, String taskId, String user, TaskInput input, int quorum) {
        String stage = voteStage(taskKey);
        String vote = input.string(VOTE);
        changes.vote(changeId, stage, user, vote, input.string(REASON), taskId);
        List<String> votes = changes.votes(changeId, stage);
        VoteTally tally = new VoteTally((int) votes.stream().filter("approve"::equals).count(),
                (int) votes.stream().filter("reject"::equals).count(), quorum);
        decided(changeId, "approval.vote", user, stage.toUpperCase() + " vote: " + vote, input.string(REASON),
                Map.of("stage", stage, "task", taskId, "quorum", quorum),
                Map.of("vote", vote, "approvals", tally.approvals(), "rejections", tally.rejections()));
        if (tally.decided()) {
            // A rejection ends the change in the reject step, which also closes the ticket and seals the trail.
            if (tally.approved()) {
                changes.moveTo(changeId, ChangeState.APPROVED, "approval");
            }
            decided(changeId, "approval.decided", "policy:" + stage + "-quorum",
                    stage.toUpperCase() + (tally.approved() ? " approved" : " rejected") + " the change",
                    tally.approved() ? "quorum of " + quorum + " reached" : "a member rejected the change",
                    Map.of("quorum", quorum), Map.of("approved", tally.approved()));
        }
        return tally;
    }

    @Transactional
    public void approveByPolicy(String changeId) {
        changes.moveTo(changeId, ChangeState.APPROVED, "approval");
        decided(changeId, "approval.policy", "policy:change-classification",
                "Approved as a pre-approved standard change", "standard changes are approved by policy",
                Map.of("changeType", "standard"), Map.of("approved", true));
    }

    @Transactional
    public void escalated(String changeId, String stage, List<String> openTasks) {
        decided(changeId, "approval.escalated", "system", stage.toUpperCase()
                + " approval overdue: escalated to change-managers", "escalation timer expired",
                Map.of("stage", stage, "openTasks", openTasks), Map.of("candidateGroupAdded", "change-managers"));
    }

    @Transactional
    public Instant freezeOverride(String changeId, String user, TaskInput input) {
        boolean override = input.bool(OVERRIDE);
        String justification = input.string(JUSTIFICATION);
        Instant start = scheduling.afterFreezeDecision(changeId, override, justification);
        decided(changeId, "schedule.freeze-override", user,
                override ? "Change freeze overridden: deploy now" : "Freeze respected: waiting until " + start,
                justification, Map.of("task", OVERRIDE_FREEZE), Map.of("override", override,
                        "windowStart", start.toString()));
        return start;
    }

    @Transactional
    public boolean failedRollout(String changeId, String user, TaskInput input) {
        String decision = input.string(DECISION);
        if ("abort".equals(decision)) {
            changes.outcome(changeId, "ABORTED");
        }
        decided(changeId, "rollout.failure-decision", user, "Failed rollout: " + decision, input.string(REASON),
                Map.of("task", FAILED_ROLLOUT), Map.of("decision", decision));
        return "retry".equals(decision);
    }

    /** Returns the expiry instant when the risk is accepted, null for a retry. */
    @Transactional
    public Instant remediate(String changeId, String user, TaskInput input, List<String> unverifiedHosts) {
        String decision = input.string(DECISION);
        String justification = input.string(JUSTIFICATION);
        if ("accept-risk".equals(decision)) {
            LocalDate expiresOn = input.expiresOn();
            changes.riskAccepted(changeId, user, justification, expiresOn, unverifiedHosts);
            changes.moveTo(changeId, ChangeState.RISK_ACCEPTED, "verification");
            decided(changeId, "risk.accepted", user, "Risk accepted until " + expiresOn + " for "
                    + unverifiedHosts.size() + " host(s)", justification,
                    Map.of("task", REMEDIATE, "hosts", unverifiedHosts), Map.of("expiresOn", expiresOn.toString()));
            return expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        changes.moveTo(changeId, ChangeState.REMEDIATION, "verification");
        decided(changeId, "remediation.retry", user, "Remediation: retry the rollout on " + unverifiedHosts.size()
                + " host(s)", justification, Map.of("task", REMEDIATE, "hosts", unverifiedHosts),
                Map.of("decision", "retry"));
        return null;
    }

    @Transactional
    public void review(String changeId, String user, TaskInput input) {
        decided(changeId, "closure.review", user, "Post-implementation review completed", input.string(REVIEW_NOTES),
                Map.of("task", REVIEW), Map.of("reviewed", true));
    }

    @Transactional
    public boolean promote(String changeId, String user, TaskInput input) {
        boolean promote = input.bool(PROMOTE_FIELD);
        decided(changeId, "rollout.promotion", user, promote ? "Promoted to the next ring" : "Rollout held",
                input.string(REASON), Map.of("task", PROMOTE_RING), Map.of("promote", promote));
        return promote;
    }

    private void decided(String changeId, String kind, String actor, String summary, String reason,
            Map<String, Object> inputs, Map<String, Object> outcome) {
        audit.record(changeId, kind, actor, summary, reason, new LinkedHashMap<>(inputs), outcome);
        tickets.comment(changeId, actor, summary + (reason == null ? "" : ": " + reason));
    }
}
