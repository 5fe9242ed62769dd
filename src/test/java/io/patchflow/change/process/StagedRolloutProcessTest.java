package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.patchflow.change.internal.ChangeAudit;
import io.patchflow.change.internal.ChangeDecisions;
import io.patchflow.change.internal.ChangeProgress;
import io.patchflow.change.internal.ChangeRepository;
import io.patchflow.change.internal.ChangeRolloutSteps;
import io.patchflow.change.internal.ChangeVerification;
import io.patchflow.change.internal.SeparationOfDuties;
import io.patchflow.deployment.BatchOutcome;
import io.patchflow.deployment.BatchReport;
import io.patchflow.deployment.RolloutPlanned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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

/**
 * Every path of bpmn/staged-rollout.bpmn: rings batch by batch, failure budget breach with compensation (one
 * rollback per deployed batch) and halt, manual promotion, soak time, and the maintenance window cut-off.
 */
@Deployment(resources = {"bpmn/staged-rollout.bpmn", "forms/promote-ring.form"})
class StagedRolloutProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(0.9)
            .build();

    static final String CHANGE = "CHG-000007";

    ProcessEngine engine;

    final ChangeRolloutSteps steps = mock(ChangeRolloutSteps.class);
    final ChangeDecisions decisions = mock(ChangeDecisions.class);
    final ChangeRepository repository = mock(ChangeRepository.class);
    final ChangeLedger ledger = new ChangeLedger("alice");
    final Deque<BatchReport> batches = new ArrayDeque<>();

    @BeforeEach
    void wireDelegates() {
        // The application's engine may run in the same JVM (integration tests): assert against this one.
        BpmnAwareTests.init(engine);
        ledger.backRepository(repository);
        ledger.backDecisions(decisions);
        when(steps.deployBatches(anyString(), anyString(), anyLong())).thenAnswer(inv -> batches.pop());
        when(steps.nextWindow(anyString())).thenReturn(Instant.now().plusSeconds(3_600));
        Mocks.register("planRolloutDelegate", new PlanRolloutDelegate(steps));
        Mocks.register("deployBatchDelegate", new DeployBatchDelegate(steps));
        Mocks.register("rollbackBatchDelegate", new RollbackBatchDelegate(steps));
        Mocks.register("haltRolloutDelegate", new HaltRolloutDelegate(steps));
        Mocks.register("taskInputValidation", new TaskInputValidation());
        Mocks.register("changeStateTracker", new ChangeStateTracker(mock(ChangeProgress.class)));
        Mocks.register("separationOfDuties", new SeparationOfDutiesListener(
                new SeparationOfDuties(repository, mock(ChangeAudit.class)), engine.getIdentityService()));
        Mocks.register("taskDecisionRecorder", new TaskDecisionRecorder(decisions, mock(ChangeVerification.class),
                engine.getIdentityService()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void ringsDeployBatchByBatchAndComplete() {
        ProcessInstance rollout = twoRingsInThreeBatches();
        assertThat(rollout).hasPassed("plan", "deployBatch", "ringDone", "completed").isEnded();
        assertThat(rollout).variables().containsEntry("rolloutSucceeded", true);
        verify(steps, times(3)).deployBatches(eq(CHANGE), eq("production"), eq(42L));
    }

    @Test
    void aDeployStepsOutcomeIsNeverStoredNotEvenInTheSnapshotACompletedRingKeepsForCompensation() {
        ProcessInstance rollout = twoRingsInThreeBatches();
        assertThat(rollout).isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(rollout.getId())
                .variableNameIn(LifecycleVariables.BATCH_OUTCOME, LifecycleVariables.MANUAL_PROMOTION,
                        LifecycleVariables.SOAK_REQUIRED, LifecycleVariables.SOAK_DURATION)
                .list()).isEmpty();
    }

    @Test
    void theLoopOverTheRingsStoresNoCountersOnlyWhetherTheRingThatCompletedWasTheLast() {
        ProcessInstance rollout = twoRingsInThreeBatches();
        List<String> stored = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(rollout.getId()).list().stream().map(v -> v.getName()).toList();
        assertThat(stored).contains(LifecycleVariables.LAST_RING).doesNotContain("loopCounter", "nrOfInstances",
                "nrOfActiveInstances", "nrOfCompletedInstances");
        assertThat(rollout).variables().containsEntry(LifecycleVariables.LAST_RING, true);
    }

    @Test
    void aStageWhoseRingsAllCompletedBeforeEndsWithoutDeploying() {
        plan(0);
        ProcessInstance rollout = start();
        runJobs();
        assertThat(rollout).hasPassed("anyRing", "completed").hasNotPassed("ring", "deployBatch").isEnded();
        assertThat(rollout).variables().containsEntry("rolloutSucceeded", true);
        verify(steps, never()).deployBatches(anyString(), anyString(), anyLong());
    }

    /** Canary in two batches, then broad in one; every job run. */
    private ProcessInstance twoRingsInThreeBatches() {
        plan(2);
        batches.addAll(List.of(batch(BatchOutcome.MORE_BATCHES, "canary", false), batch(BatchOutcome.RING_COMPLETED,
                "canary", false), batch(BatchOutcome.RING_COMPLETED, "broad", true)));
        ProcessInstance rollout = start();
        runJobs();
        return rollout;
    }

    @Test
    void breachedBudgetRollsBackEveryBatchOfTheRingThenHalts() {
        plan(3);
        batches.addAll(List.of(batch(BatchOutcome.MORE_BATCHES, "pilot", false),
                batch(BatchOutcome.BUDGET_BREACHED, "pilot", false)));
        ProcessInstance rollout = start();
        runJobs();
        assertThat(rollout).hasPassed("rollBackRing", "rollbackBatch", "halt", "ringHalted", "stopped").isEnded();
        assertThat(rollout).variables().containsEntry("rolloutSucceeded", false).containsEntry("rolloutHalted", true);
        verify(steps, times(2)).rollbackBreachedRing(42L);
        verify(steps).halt(eq(CHANGE), eq("production"), eq(42L), anyString());
        verify(steps, times(2)).deployBatches(anyString(), anyString(), anyLong());
    }

    @Test
    void manualPromotionWaitsForAPerson() {
        plan(2);
        batches.addAll(List.of(manual(batch(BatchOutcome.RING_COMPLETED, "canary", false)),
                batch(BatchOutcome.RING_COMPLETED, "broad", true)));
        ProcessInstance rollout = start();
        runJobs();
        assertThat(rollout).isWaitingAt("promote");
        act("erin", Map.of("promote", "true", "reason", "canary healthy for an hour"));
        runJobs();
        assertThat(rollout).hasPassed("promoted", "completed").isEnded();
    }

    @Test
    void refusedPromotionHoldsTheRolloutWithoutRollback() {
        plan(2);
        batches.add(manual(batch(BatchOutcome.RING_COMPLETED, "canary", false)));
        ProcessInstance rollout = start();
        runJobs();
        act("erin", Map.of("promote", "false", "reason", "error rate up on canary"));
        runJobs();
        assertThat(rollout).hasPassed("holdRollout", "ringHeld", "stopped").isEnded();
        verify(steps, never()).rollbackBreachedRing(anyLong());
    }

    @Test
    void soakTimePassesBeforeTheNextRing() {
        plan(2);
        batches.addAll(List.of(soak(batch(BatchOutcome.RING_COMPLETED, "canary", false)),
                batch(BatchOutcome.RING_COMPLETED, "broad", true)));
        ProcessInstance rollout = start();
        runJobs();
        assertThat(rollout).isWaitingAt("soak");
        fireTimer("soak");
        runJobs();
        assertThat(rollout).hasPassed("soak", "completed").isEnded();
    }

    @Test
    void windowCutOffWaitsForTheNextWindow() {
        plan(1);
        batches.addAll(List.of(batch(BatchOutcome.WINDOW_CLOSED, "broad", true),
                batch(BatchOutcome.RING_COMPLETED, "broad", true)));
        ProcessInstance rollout = start();
        runJobs();
        assertThat(rollout).isWaitingAt("windowClosed");
        fireTimer("windowClosed");
        runJobs();
        assertThat(rollout).hasPassed("windowClosed", "completed").isEnded();
    }

    private void plan(int rings) {
        when(steps.plan(anyString(), anyString(), anyBoolean())).thenReturn(new RolloutPlanned(42L, rings, 10));
    }

    private static BatchReport batch(BatchOutcome outcome, String ring, boolean lastRing) {
        return new BatchReport(outcome, ring, 1, 1, 0, 0, lastRing, false, Duration.ZERO);
    }

    private static BatchReport manual(BatchReport r) {
        return new BatchReport(r.outcome(), r.ring(), r.batch(), r.succeeded(), r.failed(), r.budget(), r.lastRing(),
                true, Duration.ZERO);
    }

    private static BatchReport soak(BatchReport r) {
        return new BatchReport(r.outcome(), r.ring(), r.batch(), r.succeeded(), r.failed(), r.budget(), r.lastRing(),
                false, Duration.ofHours(1));
    }

    private ProcessInstance start() {
        return engine.getRuntimeService().startProcessInstanceByKey("staged-rollout", CHANGE,
                Map.of(LifecycleVariables.CHANGE_ID, CHANGE, LifecycleVariables.ROLLOUT_STAGE, "production"));
    }

    private void runJobs() {
        EngineJobs.runDue(engine);
    }

    private void fireTimer(String activityId) {
        EngineJobs.fireTimer(engine, activityId);
    }

    private void act(String user, Map<String, Object> form) {
        Task task = engine.getTaskService().createTaskQuery().taskDefinitionKey("promote").singleResult();
        engine.getIdentityService().setAuthentication(user, List.of());
        try {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
