package io.patchflow.change.process;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import io.patchflow.change.internal.ChangeDecisions;
import io.patchflow.change.internal.ChangeRepository;
import io.patchflow.change.internal.HumanTasks;
import io.patchflow.change.internal.SeparationOfDuties;
import io.patchflow.change.internal.TaskInput;
import io.patchflow.change.internal.VoteTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the mocked services of the process tests remember: who requested, who tested, who voted how. Enough for the
 * real separation-of-duties rules and the vote tally to work against, without a database.
 */
class ChangeLedger {

    final Map<String, List<String>> participants = new HashMap<>();
    final Map<String, List<String>> votes = new HashMap<>();

    ChangeLedger(String requester) {
        participants.put(SeparationOfDuties.REQUESTER, new ArrayList<>(List.of(requester)));
        participants.put(SeparationOfDuties.TESTER, new ArrayList<>());
    }

    void backRepository(ChangeRepository repository) {
        when(repository.participants(anyString(), anyString()))
                .thenAnswer(inv -> List.copyOf(participants.get(inv.<String>getArgument(1))));
        when(repository.hasVoted(anyString(), anyString(), anyString()))
                .thenAnswer(inv -> votes.getOrDefault(inv.<String>getArgument(1), List.of()).stream()
                        .anyMatch(v -> v.startsWith(inv.<String>getArgument(2) + ":")));
    }

    void backDecisions(ChangeDecisions decisions) {
        when(decisions.signOffTest(anyString(), anyString(), any())).thenAnswer(inv -> {
            participants.get(SeparationOfDuties.TESTER).add(inv.getArgument(1));
            return "passed".equals(inv.<TaskInput>getArgument(2).string(HumanTasks.TEST_RESULT));
        });
        when(decisions.vote(anyString(), anyString(), anyString(), anyString(), any(), anyInt())).thenAnswer(inv -> {
            String stage = HumanTasks.voteStage(inv.getArgument(1));
            String vote = inv.<TaskInput>getArgument(4).string(HumanTasks.VOTE);
            List<String> cast = votes.computeIfAbsent(stage, s -> new ArrayList<>());
            cast.add(inv.getArgument(3) + ":" + vote);
            int approvals = (int) cast.stream().filter(v -> v.endsWith(":approve")).count();
            return new VoteTally(approvals, cast.size() - approvals, inv.<Integer>getArgument(5));
        });
        when(decisions.failedRollout(anyString(), anyString(), any()))
                .thenAnswer(inv -> "retry".equals(inv.<TaskInput>getArgument(2).string(HumanTasks.DECISION)));
        when(decisions.remediate(anyString(), anyString(), any(), any())).thenAnswer(inv ->
                "accept-risk".equals(inv.<TaskInput>getArgument(2).string(HumanTasks.DECISION))
                        ? Instant.now().plusSeconds(86_400) : null);
        when(decisions.freezeOverride(anyString(), anyString(), any())).thenAnswer(inv ->
                inv.<TaskInput>getArgument(2).bool(HumanTasks.OVERRIDE) ? Instant.now()
                        : Instant.now().plusSeconds(3_600));
        when(decisions.promote(anyString(), anyString(), any()))
                .thenAnswer(inv -> inv.<TaskInput>getArgument(2).bool(HumanTasks.PROMOTE_FIELD));
    }

    List<String> votesOf(String stage) {
        return votes.getOrDefault(stage, List.of());
    }

}
