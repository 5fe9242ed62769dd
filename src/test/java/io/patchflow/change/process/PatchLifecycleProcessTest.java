package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.patchflow.change.internal.ChangeAudit;
import io.patchflow.change.internal.ChangeClosure;
import io.patchflow.change.internal.ChangeDecisions;
import io.patchflow.change.internal.ChangeProgress;
import io.patchflow.change.internal.ChangeEvaluation;
import io.patchflow.change.internal.ChangePolicy;
import io.patchflow.change.internal.ChangeRepository;
import io.patchflow.change.internal.ChangeScheduling;
import io.patchflow.change.internal.ChangeTickets;
import io.patchflow.change.internal.ChangeVerification;
import io.patchflow.change.internal.EvaluationFacts;
import io.patchflow.change.internal.NothingToPatchException;
import io.patchflow.change.internal.PolicyDecision;
import io.patchflow.change.internal.ScheduleDecision;
import io.patchflow.change.internal.SeparationOfDuties;
import io.patchflow.shared.BadInputException;
import io.patchflow.shared.RuleViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * Every path of bpmn/patch-lifecycle.bpmn with the real DMN tables, the real task listeners and separation-of-duties
 * rules, and the application services mocked at the delegate boundary. The staged rollout is a stub here; its
 * own test covers it.
 */
@Deployment(resources = {"bpmn/patch-lifecycle.bpmn", "bpmn/patch-priority.dmn", "bpmn/change-classification.dmn",
        "stubs/staged-rollout-stub.bpmn", "forms/test-sign-off.form", "forms/cab-vote.form", "forms/ecab-vote.form",
        "forms/freeze-override.form", "forms/failed-rollout.form", "forms/remediation.form",
        "forms/post-implementation-review.form"})
class PatchLifecycleProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .excludeProcessDefinitionKeys("staged-rollout")
            .assertClassCoverageAtLeast(0.9)
            .build();

    static final String CHANGE = "CHG-000001";
    static final EvaluationFacts STANDARD = new EvaluationFacts(5.3, 0.01, false, "medium", false, "prod",
            "security", false, true, 10, 0.5);
    static final EvaluationFacts NORMAL = new EvaluationFacts(7.5, 0.02, false, "high", false, "prod", "security",
            false, true, 120, 0.7);
    static final EvaluationFacts EMERGENCY = new EvaluationFacts(9.8, 0.9, true, "critical", true, "prod",
            "security", true, true, 40, 0.8);

    ProcessEngine engine;

    final ChangeEvaluation evaluation = mock(ChangeEvaluation.class);
    final ChangePolicy policy = mock(ChangePolicy.class);
    final ChangeTickets tickets = mock(ChangeTickets.class);
    final ChangeDecisions decisions = mock(ChangeDecisions.class);
    final ChangeScheduling scheduling = mock(ChangeScheduling.class);
    final ChangeVerification verification = mock(ChangeVerification.class);
    final ChangeClosure closure = mock(ChangeClosure.class);
    final ChangeRepository repository = mock(ChangeRepository.class);
    final ChangeAudit audit = mock(ChangeAudit.class);
    final ChangeLedger ledger = new ChangeLedger("alice");
    /** What the stub rollout reports, one value per call: test stage first. */
    final Deque<Boolean> rolloutResults = new ArrayDeque<>();
    final Deque<Boolean> verificationResults = new ArrayDeque<>();
    /** Whether each rollout the lifecycle called was told it is a remediation retry, in call order. */
    final List<Boolean> remediationRetrySeen = new java.util.ArrayList<>();

    @BeforeEach
    void wireDelegates() {
        // The application's engine may run in the same JVM (integration tests): assert against this one.
        BpmnAwareTests.init(engine);
        ledger.backRepository(repository);
        ledger.backDecisions(decisions);
        when(tickets.open(anyString())).thenReturn("PF-1");
        when(scheduling.schedule(anyString())).thenReturn(new ScheduleDecision(Instant.now(), false, null));
        when(verification.verify(anyString())).thenAnswer(inv -> verificationResults.isEmpty()
                || verificationResults.pop());
        when(verification.unverifiedHosts(anyString())).thenReturn(List.of("web-prod-001"));
        Mocks.register("evaluatePatchDelegate", new EvaluatePatchDelegate(evaluation));
        Mocks.register("policyDecisionListener", new PolicyDecisionListener(policy, engine.getRepositoryService()));
        Mocks.register("openTicketDelegate", new OpenTicketDelegate(tickets));
        Mocks.register("approveByPolicyDelegate", new ApproveByPolicyDelegate(decisions));
        Mocks.register("escalateApprovalDelegate", new EscalateApprovalDelegate(decisions, engine.getTaskService()));
        Mocks.register("scheduleChangeDelegate", new ScheduleChangeDelegate(scheduling));
        Mocks.register("verifyPatchDelegate", new VerifyPatchDelegate(verification));
        Mocks.register("closeChangeDelegate", new CloseChangeDelegate(closure));
        Mocks.register("rejectChangeDelegate", new RejectChangeDelegate(closure));
        Mocks.register("cancelChangeDelegate", new CancelChangeDelegate(closure));
        Mocks.register("taskInputValidation", new TaskInputValidation());
        Mocks.register("changeStateTracker", new ChangeStateTracker(mock(ChangeProgress.class)));
        Mocks.register("separationOfDuties", new SeparationOfDutiesListener(
                new SeparationOfDuties(repository, audit), engine.getIdentityService()));
        Mocks.register("taskDecisionRecorder",
                new TaskDecisionRecorder(decisions, verification, engine.getIdentityService()));
        Mocks.register("rolloutStub", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> {
            remediationRetrySeen.add(LifecycleVariables.flag(execution, LifecycleVariables.REMEDIATION_RETRY));
            execution.setVariable(LifecycleVariables.ROLLOUT_SUCCEEDED, rolloutResults.isEmpty() || rolloutResults.pop());
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        BpmnAwareTests.reset();
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void standardChangeIsApprovedByPolicyAndClosesOnceVerified() {
        ProcessInstance change = start(STANDARD);
        runJobs();
        assertThat(change).hasPassed("prioritise", "classify", "openTicket", "deployToTest", "approveByPolicy",
                "schedule", "windowOpen", "rollout", "verify", "close").isEnded();
        assertThat(change).hasNotPassed("signOffTest", "cabVote", "waitWindow");
        assertThat(change).variables().containsEntry("priority", "P3").containsEntry("changeType", "standard");
        verify(decisions).approveByPolicy(CHANGE);
        verify(closure).close(CHANGE);
    }

    @Test
    void prioritisationRecordsTheDecisionTableVersionAndItsInputs() {
        start(NORMAL);
        runJobs();
        ArgumentCaptor<PolicyDecision> decided = ArgumentCaptor.forClass(PolicyDecision.class);
        verify(policy, org.mockito.Mockito.times(2)).record(eq(CHANGE), decided.capture());
        PolicyDecision priority = decided.getAllValues().get(0);
        assertThat(priority.decisionKey()).isEqualTo("patch-priority");
        assertThat(priority.version()).isEqualTo(1);
        assertThat(priority.inputs()).containsEntry("cvssScore", 7.5).containsEntry("environment", "prod")
                .containsKeys("epssProbability", "inKev", "assetCriticality", "internetFacing");
        assertThat(priority.outputs()).containsEntry("priority", "P2").containsEntry("slaDays", 14);
        assertThat(decided.getAllValues().get(1).outputs()).containsEntry("changeType", "normal")
                .containsEntry("cabQuorum", 2);
    }

    @Test
    void theFactsADecisionReadAreRecordedWithItNotStoredAsVariablesExceptWhatTheFormsShow() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        List<String> stored = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(change.getId()).list().stream().map(v -> v.getName()).toList();
        assertThat(stored).contains("hostCount", "priority", "changeType").doesNotContain("cvssScore",
                "epssProbability", "inKev", "assetCriticality", "internetFacing", "environment", "patchKind",
                "rebootRequired", "vendorTrusted", "prodShare");
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(change.getId())
                .decisionDefinitionKey("patch-priority").includeInputs().singleResult().getInputs())
                .extracting(input -> input.getValue()).contains(7.5, "prod");
    }

    @Test
    void normalChangeNeedsTestSignOffAndTheCabQuorum() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        assertThat(change).isWaitingAt("signOffTest");
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        assertThat(change).isWaitingAt("cabVote");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("cab").count()).isEqualTo(2);
        act("carol", "cabVote", Map.of("vote", "approve", "reason", "low risk"));
        assertThat(change).isWaitingAt("cabVote");
        act("dave", "cabVote", Map.of("vote", "approve", "reason", "tested"));
        runJobs();
        assertThat(change).hasPassed("schedule", "rollout", "verify", "close").isEnded();
        assertThat(ledger.votesOf("cab")).containsExactly("carol:approve", "dave:approve");
    }

    @Test
    void anyCabRejectionRejectsTheChange() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        act("carol", "cabVote", Map.of("vote", "reject", "reason", "outage risk during month end"));
        runJobs();
        assertThat(change).hasPassed("reject").hasNotPassed("schedule").isEnded();
        verify(closure).reject(CHANGE);
    }

    @Test
    void failedTestSignOffRejectsTheChange() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "failed", "testEvidence", "service does not start"));
        runJobs();
        assertThat(change).hasPassed("reject").hasNotPassed("cabVote").isEnded();
    }

    @Test
    void unhealthyTestRingRejectsTheChangeWithoutSignOff() {
        rolloutResults.add(false);
        ProcessInstance change = start(NORMAL);
        runJobs();
        assertThat(change).hasPassed("deployToTest", "reject").hasNotPassed("signOffTest").isEnded();
    }

    @Test
    void requesterCannotSignOffTheTest() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        assertThatThrownBy(() -> act("alice", "signOffTest", Map.of("testResult", "passed",
                "testEvidence", "looks fine to me")))
                .hasRootCauseInstanceOf(RuleViolationException.class)
                .hasMessageContaining("alice requested CHG-000001");
        verify(audit).recordRefusal(eq(CHANGE), eq("sod.violation"), eq("alice"), anyString(), any());
        assertThat(change).isWaitingAt("signOffTest");
    }

    @Test
    void requesterCannotApprove() {
        start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        assertThatThrownBy(() -> act("alice", "cabVote", Map.of("vote", "approve", "reason", "mine")))
                .hasRootCauseInstanceOf(RuleViolationException.class).hasMessageContaining("may not approve");
    }

    @Test
    void testerCannotApprove() {
        start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        assertThatThrownBy(() -> act("bob", "cabVote", Map.of("vote", "approve", "reason", "I tested it")))
                .hasRootCauseInstanceOf(RuleViolationException.class)
                .hasMessageContaining("bob signed off the test");
    }

    @Test
    void nobodyVotesTwice() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        act("carol", "cabVote", Map.of("vote", "approve", "reason", "fine"));
        assertThatThrownBy(() -> act("carol", "cabVote", Map.of("vote", "approve", "reason", "again")))
                .hasRootCauseInstanceOf(RuleViolationException.class).hasMessageContaining("already voted");
        assertThat(change).isWaitingAt("cabVote");
        assertThat(ledger.votesOf("cab")).containsExactly("carol:approve");
    }

    @Test
    void aVoteWithoutReasonIsRefusedNamingTheField() {
        start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        assertThatThrownBy(() -> act("carol", "cabVote", Map.of("vote", "maybe", "reason", "")))
                .hasRootCauseInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) rootCause(e)).field()).isEqualTo("vote"));
        verify(decisions, never()).vote(anyString(), anyString(), anyString(), anyString(), any(),
                org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void overdueCabVoteEscalatesToChangeManagers() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        act("bob", "signOffTest", Map.of("testResult", "passed", "testEvidence", "smoke tests green"));
        fireTimer("cabOverdue");
        runJobs();
        assertThat(change).hasPassed("escalateCab").isWaitingAt("cabVote");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("change-managers").count())
                .isEqualTo(2);
        verify(decisions).escalated(eq(CHANGE), eq("cab"), any());
    }

    @Test
    void emergencyChangeGoesToTheEcabAndGetsAReview() {
        ProcessInstance change = start(EMERGENCY);
        runJobs();
        assertThat(change).hasNotPassed("signOffTest").isWaitingAt("ecabVote");
        act("erin", "ecabVote", Map.of("vote", "approve", "reason", "actively exploited"));
        runJobs();
        assertThat(change).isWaitingAt("pir");
        act("erin", "pir", Map.of("reviewNotes", "patched within four hours, no incident"));
        runJobs();
        assertThat(change).hasPassed("rollout", "verify", "pir", "close").isEnded();
        verify(decisions).review(eq(CHANGE), eq("erin"), any());
    }

    @Test
    void overdueEcabVoteEscalates() {
        ProcessInstance change = start(EMERGENCY);
        runJobs();
        fireTimer("ecabOverdue");
        runJobs();
        assertThat(change).hasPassed("escalateEcab").isWaitingAt("ecabVote");
    }

    @Test
    void emergencyInAChangeFreezeNeedsAJustifiedOverride() {
        ProcessInstance change = emergencyApprovedDuringAFreeze();
        assertThat(change).isWaitingAt("overrideFreeze");
        act("erin", "overrideFreeze", Map.of("override", "true",
                "justification", "KEV-listed RCE on internet-facing hosts"));
        runJobs();
        assertThat(change).hasPassed("overrideFreeze", "windowOpen", "rollout").hasNotPassed("waitWindow")
                .isWaitingAt("pir");
        verify(decisions).freezeOverride(eq(CHANGE), eq("erin"), any());
    }

    @Test
    void changeWaitsForItsMaintenanceWindow() {
        when(scheduling.schedule(anyString()))
                .thenReturn(new ScheduleDecision(Instant.now().plusSeconds(7_200), false, null));
        ProcessInstance change = start(STANDARD);
        runJobs();
        assertThat(change).isWaitingAt("waitWindow").hasNotPassed("rollout");
        fireTimer("waitWindow");
        runJobs();
        assertThat(change).hasPassed("waitWindow", "rollout", "close").isEnded();
    }

    @Test
    void respectedFreezeWaitsUntilItEnds() {
        ProcessInstance change = emergencyApprovedDuringAFreeze();
        act("erin", "overrideFreeze", Map.of("override", "false", "justification", "can wait for the end of the freeze"));
        runJobs();
        assertThat(change).isWaitingAt("waitWindow").hasNotPassed("rollout");
    }

    @Test
    void freezeOverrideWithoutJustificationIsRefused() {
        emergencyApprovedDuringAFreeze();
        assertThatThrownBy(() -> act("erin", "overrideFreeze", Map.of("override", "true", "justification", "")))
                .hasRootCauseInstanceOf(BadInputException.class).hasMessageContaining("justification");
    }

    @Test
    void breachedRolloutIsRetriedThenAborted() {
        rolloutResults.addAll(List.of(true, false, false));
        ProcessInstance change = start(STANDARD);
        runJobs();
        assertThat(change).isWaitingAt("decideFailedRollout");
        act("erin", "decideFailedRollout", Map.of("decision", "retry", "reason", "bad mirror, fixed"));
        runJobs();
        assertThat(change).isWaitingAt("decideFailedRollout");
        act("erin", "decideFailedRollout", Map.of("decision", "abort", "reason", "vendor package broken"));
        runJobs();
        assertThat(change).isWaitingAt("pir");
        act("erin", "pir", Map.of("reviewNotes", "vendor package broken on RHEL 9, reported upstream"));
        runJobs();
        assertThat(change).hasPassed("retryRollout", "pir", "close").hasNotPassed("verify").isEnded();
    }

    @Test
    void unverifiedChangeAcceptsRiskAndReopensAtExpiry() {
        verificationResults.addAll(List.of(false, false, true));
        ProcessInstance change = start(STANDARD);
        runJobs();
        assertThat(change).isWaitingAt("remediate");
        act("erin", "remediate", Map.of("decision", "accept-risk", "justification",
                "vendor fix for RHEL pending, mitigated by WAF", "expiresOn", LocalDate.now().plusDays(30).toString()));
        assertThat(change).isWaitingAt("riskExpires");
        fireTimer("riskExpires");
        runJobs();
        assertThat(change).isWaitingAt("remediate");
        act("erin", "remediate", Map.of("decision", "retry", "justification", "vendor fix is out now"));
        runJobs();
        assertThat(change).hasPassed("acceptRisk", "riskExpires").isEnded();
        assertThat(remediationRetrySeen).as("test ring, production, then the remediation retry, which redeploys"
                + " only the hosts still vulnerable").containsExactly(false, false, true);
        verify(closure).close(CHANGE);
    }

    @Test
    void requesterCannotAcceptTheRiskOfTheirOwnChange() {
        verificationResults.add(false);
        start(STANDARD);
        runJobs();
        assertThatThrownBy(() -> act("alice", "remediate", Map.of("decision", "accept-risk",
                "justification", "I think it is fine", "expiresOn", LocalDate.now().plusDays(30).toString())))
                .hasRootCauseInstanceOf(RuleViolationException.class);
    }

    @Test
    void changeWithNothingToPatchEndsAtEvaluation() {
        when(evaluation.evaluate(CHANGE)).thenThrow(new NothingToPatchException("no host affected"));
        ProcessInstance change = startWith(Map.of());
        runJobs();
        assertThat(change).hasPassed("nothingToPatch", "endNothing").isEnded();
        verify(tickets, never()).open(anyString());
    }

    @Test
    void cancellingStopsTheChangeAtAnyStep() {
        ProcessInstance change = start(NORMAL);
        runJobs();
        assertThat(change).isWaitingAt("signOffTest");
        engine.getRuntimeService().createMessageCorrelation("CancelChange").processInstanceBusinessKey(CHANGE)
                .setVariable("cancelledBy", "erin").setVariable("cancelReason", "superseded by CHG-000002")
                .correlate();
        runJobs();
        assertThat(change).hasPassed("cancel", "endCancelled").isEnded();
        verify(closure).cancel(CHANGE, "erin", "superseded by CHG-000002");
    }

    @Test
    void detectionByMessageStartsTheSameLifecycle() {
        when(evaluation.evaluate(CHANGE)).thenReturn(STANDARD);
        Map<String, Object> variables = new HashMap<>();
        variables.put(LifecycleVariables.CHANGE_ID, CHANGE);
        variables.put(LifecycleVariables.CHANGE_TITLE, "detected by assessment");
        ProcessInstance change = engine.getRuntimeService().createMessageCorrelation("PatchDetected")
                .processInstanceBusinessKey(CHANGE).setVariables(variables).correlateStartMessage();
        runJobs();
        assertThat(change).hasPassed("detected", "evaluate", "close").isEnded();
    }

    // --- helpers

    /** An emergency change the ECAB approved while a change freeze covers its hosts. */
    private ProcessInstance emergencyApprovedDuringAFreeze() {
        when(scheduling.schedule(anyString()))
                .thenReturn(new ScheduleDecision(Instant.now(), true, "year-end freeze"));
        ProcessInstance change = start(EMERGENCY);
        runJobs();
        act("erin", "ecabVote", Map.of("vote", "approve", "reason", "actively exploited"));
        runJobs();
        return change;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private ProcessInstance start(EvaluationFacts facts) {
        when(evaluation.evaluate(CHANGE)).thenReturn(facts);
        return startWith(Map.of());
    }

    private ProcessInstance startWith(Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LifecycleVariables.CHANGE_ID, CHANGE);
        variables.put(LifecycleVariables.CHANGE_TITLE, "Patch openssl");
        variables.putAll(extra);
        return engine.getRuntimeService().startProcessInstanceByKey("patch-lifecycle", CHANGE, variables);
    }

    private void runJobs() {
        EngineJobs.runDue(engine);
    }

    private void fireTimer(String activityId) {
        EngineJobs.fireTimer(engine, activityId);
    }

    /** As {@code user}, claims an open task of that kind and completes it with the form values. */
    private void act(String user, String taskKey, Map<String, Object> form) {
        Task task = engine.getTaskService().createTaskQuery().taskDefinitionKey(taskKey).taskUnassigned().list()
                .get(0);
        engine.getIdentityService().setAuthentication(user, List.of());
        try {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
