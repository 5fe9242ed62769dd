package io.patchflow.change.internal;

import static io.patchflow.change.internal.HumanTasks.*;

import io.patchflow.shared.RuleViolationException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Who may not decide what on a change. Checked by the engine's task listeners when a task is assigned and when it
 * is completed, so no client (Tasklist, engine REST, the API) can get around it. A refusal is recorded in the audit
 * trail even though the refused action itself is rolled back.
 */
@Component("separationOfDutiesRules")
public class SeparationOfDuties {

    public static final String REQUESTER = "requester";
    public static final String TESTER = "tester";

    private final ChangeRepository changes;
    private final ChangeAudit audit;

    public SeparationOfDuties(ChangeRepository changes, ChangeAudit audit) {
        this.changes = changes;
        this.audit = audit;
    }

    public void check(String changeId, String taskKey, String user) {
        if (user == null || user.isBlank()) {
            refuse(changeId, taskKey, "(nobody)", "named-actor",
                    "This decision must be made by a named person: claim the task, then complete it.");
        }
        boolean requester = changes.participants(changeId, REQUESTER).contains(user);
        switch (taskKey) {
            case SIGN_OFF_TEST -> {
                if (requester) {
                    refuse(changeId, taskKey, user, "requester-cannot-test",
                            user + " requested " + changeId + " and may not sign off its test.");
                }
            }
            case CAB_VOTE, ECAB_VOTE -> {
                if (requester) {
                    refuse(changeId, taskKey, user, "requester-cannot-approve",
                            user + " requested " + changeId + " and may not approve it.");
                }
                if (changes.participants(changeId, TESTER).contains(user)) {
                    refuse(changeId, taskKey, user, "tester-cannot-approve",
                            user + " signed off the test of " + changeId + " and may not approve it.");
                }
                if (changes.hasVoted(changeId, voteStage(taskKey), user)) {
                    refuse(changeId, taskKey, user, "one-vote-per-person",
                            user + " has already voted on " + changeId + "; each person votes once.");
                }
            }
            case REMEDIATE, OVERRIDE_FREEZE -> {
                if (requester) {
                    refuse(changeId, taskKey, user, "requester-cannot-accept-risk",
                            user + " requested " + changeId + " and may not accept its risk or override a freeze.");
                }
            }
            default -> {
            }
        }
    }

    private void refuse(String changeId, String taskKey, String user, String rule, String message) {
        audit.recordRefusal(changeId, "sod.violation", user, "Refused: " + message,
                Map.of("task", taskKey, "rule", rule, "user", user));
        throw new RuleViolationException(rule, "Separation of duties: " + message);
    }
}
