package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ManifestFixtures;
import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryConversationRepositoryAdapter;
import ai.aegis.application.memory.InMemoryExecutionEventPublisherAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryManifestRegistryAdapter;
import ai.aegis.application.memory.InMemoryWorkflowRunRepositoryAdapter;
import ai.aegis.application.port.in.AdvanceWorkflowRunCommand;
import ai.aegis.application.port.in.CancelWorkflowRunCommand;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.GetWorkflowRunQuery;
import ai.aegis.application.port.in.ListWorkflowRunLogQuery;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.RunWorkflowCommand;
import ai.aegis.application.port.in.SignalWorkflowRunCommand;
import ai.aegis.application.port.in.StartConversationCommand;
import ai.aegis.application.port.in.SweepWorkflowRunsCommand;
import ai.aegis.application.port.in.WorkflowRunLogEntry;
import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.application.port.out.ManifestDeployment;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.registry.Manifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowRunServiceTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final JsonValue.JsonObject NO_INPUTS = new JsonValue.JsonObject(Map.of());

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    private final InMemoryConversationRepositoryAdapter conversations = new InMemoryConversationRepositoryAdapter();
    private final InMemoryExecutionRepositoryAdapter executionStore = new InMemoryExecutionRepositoryAdapter();
    private final InMemoryIterationEventRepositoryAdapter iterationStore = new InMemoryIterationEventRepositoryAdapter();
    private final InMemoryExecutionEventPublisherAdapter published = new InMemoryExecutionEventPublisherAdapter();
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryManifestRegistryAdapter registry = new InMemoryManifestRegistryAdapter();
    private final InMemoryWorkflowRunRepositoryAdapter runStore = new InMemoryWorkflowRunRepositoryAdapter();
    /** Whether status changes reach the run service at once (as the LISTEN/NOTIFY listener does in serve). */
    private boolean observing = true;
    private WorkflowRunService workflows;
    private final ai.aegis.application.memory.InMemoryExecutionTaskAdapter stepTasks =
            new ai.aegis.application.memory.InMemoryExecutionTaskAdapter();
    private final ExecutionService executions = new ExecutionService(conversations, executionStore, iterationStore,
            new InMemoryLimitOverridesAdapter(), new ExecutionEventPublisherPort() {
                @Override
                public void statusChanged(ExecutionStatusChange change) {
                    published.statusChanged(change);
                    if (observing && workflows != null) {
                        workflows.observe(change);
                    }
                }

                @Override
                public void iterationReported(TenantId tenantId, IterationEvent event) {
                    published.iterationReported(tenantId, event);
                }
            }, audit, clock, new InMemoryIdGeneratorAdapter(),
            ai.aegis.domain.execution.ExecutionTree.DEFAULT_MAX_DEPTH, stepTasks);
    private final ConversationService conversationService = new ConversationService(conversations,
            new InMemoryIdGeneratorAdapter(), audit, clock);

    private final Identity.ZaruUser alice = ServiceFixture.user("alice", ZaruTier.PRO);
    private final Identity.ZaruUser bob = ServiceFixture.user("bob", ZaruTier.PRO);

    WorkflowRunServiceTest() {
        workflows = new WorkflowRunService(runStore, registry, executionStore, executions,
                new ExecutionQueryService(executionStore, iterationStore, audit, clock), audit, clock);
    }

    private void deploy(TenantId tenant, Manifest manifest) {
        registry.deploy(new ManifestDeployment(tenant, manifest, "op-1", clock.now(),
                ManifestDeployment.NameRule.EITHER, false, CountLimit.unlimited()));
    }

    private void deployReviewWorkflow(Identity owner) {
        TenantId tenant = TenantScope.of(owner);
        deploy(tenant, ManifestFixtures.agent("writer", "1.0.0"));
        deploy(tenant, ManifestFixtures.agent("publisher", "1.0.0"));
        deploy(tenant, ManifestFixtures.workflow());
    }

    private ConversationId conversation(Identity owner) {
        return conversationService.start(new StartConversationCommand(owner, ConversationMode.ARCHITECT)).id();
    }

    private WorkflowRun runReview(Identity owner) {
        deployReviewWorkflow(owner);
        return workflows.run(new RunWorkflowCommand(owner, conversation(owner), ManifestName.of("review-and-publish"),
                Optional.empty(), (JsonValue.JsonObject) CanonicalJson.parse("{\"topic\": \"otters\"}")));
    }

    /** What a node does with a step: start it, then finish it with {@code outcome}. */
    private void finishStep(Identity owner, ExecutionId step, ExecutionOutcome outcome) {
        executions.report(new ReportIterationCommand(owner, step, IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        executions.finish(new FinishExecutionCommand(owner, step, outcome, Optional.empty()));
    }

    private Execution execution(Identity owner, ExecutionId id) {
        return executionStore.loadTree(TenantScope.of(owner), id, 5).orElseThrow().get(id);
    }

    private static JsonValue.JsonObject json(String text) {
        return (JsonValue.JsonObject) CanonicalJson.parse(text);
    }

    private WorkflowRun get(Identity owner, ExecutionId run) {
        return workflows.get(new GetWorkflowRunQuery(owner, run));
    }

    @Test
    void run_agentFirstState_startsRunningRootAndSpawnsStepChild() {
        WorkflowRun run = runReview(alice);

        assertThat(run.status()).isEqualTo(WorkflowRunStatus.RUNNING);
        assertThat(run.currentState()).isEqualTo("draft");
        Execution root = execution(alice, run.id());
        assertThat(root.isRoot()).isTrue();
        assertThat(root.status()).isEqualTo(ExecutionStatus.RUNNING);
        Execution step = execution(alice, run.stepExecutionId().orElseThrow());
        assertThat(step.parentId()).contains(run.id());
        assertThat(step.status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(run.inputs()).isEqualTo(json("{\"topic\": \"otters\"}"));
        ai.aegis.domain.execution.TaskSpec task = stepTasks.find(alice.tenantId(), step.id()).orElseThrow();
        assertThat(task.agent()).contains("writer");
        assertThat(task.input().orElseThrow()).contains("\"topic\":\"otters\"");
    }

    @Test
    void step_currentStepExecution_namesAgentInputAndRunData_otherExecutionsNothing() {
        WorkflowRun run = runReview(alice);
        ExecutionId step = run.stepExecutionId().orElseThrow();

        ai.aegis.application.port.in.WorkflowStep work = workflows.step(
                new ai.aegis.application.port.in.GetWorkflowStepQuery(TenantScope.of(alice), step)).orElseThrow();

        assertThat(work.runId()).isEqualTo(run.id());
        assertThat(work.state()).isEqualTo("draft");
        assertThat(work.agent()).isEqualTo(ManifestName.of("writer"));
        assertThat(work.agentVersion()).map(Object::toString).contains("1.0.0");
        assertThat(work.input()).contains("Write a post.");
        assertThat(work.runInputs()).isEqualTo(json("{\"topic\": \"otters\"}"));
        assertThat(workflows.step(new ai.aegis.application.port.in.GetWorkflowStepQuery(TenantScope.of(alice), run.id())))
                .isEmpty();
        assertThat(workflows.step(new ai.aegis.application.port.in.GetWorkflowStepQuery(TenantScope.of(bob), step)))
                .isEmpty();
        finishStep(alice, step, ExecutionOutcome.COMPLETED);
        assertThat(workflows.step(new ai.aegis.application.port.in.GetWorkflowStepQuery(TenantScope.of(alice), step)))
                .isEmpty();
    }

    @Test
    void stepCompleted_humanInputNext_runWaitsAtThatState() {
        WorkflowRun run = runReview(alice);

        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);

        WorkflowRun waiting = get(alice, run.id());
        assertThat(waiting.status()).isEqualTo(WorkflowRunStatus.WAITING);
        assertThat(waiting.currentState()).isEqualTo("review");
        assertThat(waiting.waitingUntil()).contains(START.plus(Duration.ofDays(1)));
        assertThat(execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void signal_waitingRun_movesOnAndFinalStepCompletesTheRun() {
        WorkflowRun run = runReview(alice);
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);

        WorkflowRun publishing = workflows.signal(new SignalWorkflowRunCommand(alice, run.id(), Optional.of("review"),
                json("{\"approved\": true}")));
        assertThat(publishing.currentState()).isEqualTo("publish");
        assertThat(publishing.status()).isEqualTo(WorkflowRunStatus.RUNNING);
        ExecutionId publishStep = publishing.stepExecutionId().orElseThrow();
        assertThat(publishStep).isNotEqualTo(run.stepExecutionId().orElseThrow());

        finishStep(alice, publishStep, ExecutionOutcome.COMPLETED);

        WorkflowRun done = get(alice, run.id());
        assertThat(done.status()).isEqualTo(WorkflowRunStatus.SUCCEEDED);
        assertThat(done.currentState()).isEqualTo("done");
        assertThat(done.signals().get("review")).isEqualTo(json("{\"approved\": true}"));
        assertThat(execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.COMPLETED);
    }

    @Test
    void signal_runNotWaiting_refusedNamingItsState() {
        WorkflowRun run = runReview(alice);

        assertThatThrownBy(() -> workflows.signal(new SignalWorkflowRunCommand(alice, run.id(), Optional.empty(),
                json("{\"approved\": true}"))))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("'draft'")
                .hasMessageContaining("running")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.not_waiting");
        assertThat(audit.all()).anyMatch(r -> r.action().equals("workflow.signal")
                && r.decision() == AuditDecision.DENIED && r.reasonCode().equals("workflow_run.not_waiting"));
    }

    @Test
    void signal_dataAgainstInputSchema_refusedPointingAtTheField() {
        WorkflowRun run = runReview(alice);
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);

        assertThatThrownBy(() -> workflows.signal(new SignalWorkflowRunCommand(alice, run.id(), Optional.empty(),
                json("{\"approved\": \"yes\"}"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/approved: must be a boolean")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.signal_invalid");
        assertThat(get(alice, run.id()).status()).isEqualTo(WorkflowRunStatus.WAITING);
    }

    @Test
    void signal_namingAnotherState_refusedNamingTheWaitingOne() {
        WorkflowRun run = runReview(alice);
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);

        assertThatThrownBy(() -> workflows.signal(new SignalWorkflowRunCommand(alice, run.id(), Optional.of("publish"),
                json("{}"))))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("waits for input at state 'review'")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.wrong_state");
    }

    @Test
    void stepFailed_failedTransition_runEndsFailedAndRootFails() {
        WorkflowRun run = runReview(alice);

        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.FAILED);

        WorkflowRun failed = get(alice, run.id());
        assertThat(failed.status()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(failed.currentState()).isEqualTo("failed");
        assertThat(execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void stepFailed_noFailedTransition_runFails() {
        deploy(TenantScope.of(alice), ManifestFixtures.agent("writer", "1.0.0"));
        deploy(TenantScope.of(alice), ManifestParser.parse(ManifestKind.WORKFLOW, """
                {"format": "aegis/v1", "kind": "workflow", "name": "one-step", "version": "1.0.0",
                 "description": "One step.", "initial_state": "write",
                 "states": {"write": {"type": "agent", "agent": "writer", "transitions": {"completed": "done"}},
                            "done": {"type": "end", "outcome": "succeeded"}}}""").orThrow());
        WorkflowRun run = workflows.run(new RunWorkflowCommand(alice, conversation(alice), ManifestName.of("one-step"),
                Optional.empty(), NO_INPUTS));

        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.TIMED_OUT);

        WorkflowRun failed = get(alice, run.id());
        assertThat(failed.status()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(failed.currentState()).isEqualTo("write");
        assertThat(execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void cancel_runningRun_cancelsRunRootAndStep() {
        WorkflowRun run = runReview(alice);

        WorkflowRun cancelled = workflows.cancel(new CancelWorkflowRunCommand(alice, run.id()));

        assertThat(cancelled.status()).isEqualTo(WorkflowRunStatus.CANCELLED);
        assertThat(get(alice, run.id()).status()).isEqualTo(WorkflowRunStatus.CANCELLED);
        assertThat(execution(alice, run.id()).status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(execution(alice, run.stepExecutionId().orElseThrow()).status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(audit.all()).anyMatch(r -> r.action().equals("workflow.cancel") && r.decision() == AuditDecision.ALLOWED);
        assertThatThrownBy(() -> workflows.signal(new SignalWorkflowRunCommand(alice, run.id(), Optional.empty(), json("{}"))))
                .hasMessageContaining("cancelled at state 'draft'");
    }

    @Test
    void rootCancelledDirectly_runBecomesCancelled() {
        WorkflowRun run = runReview(alice);

        executions.cancel(new ai.aegis.application.port.in.CancelExecutionCommand(alice, run.id()));

        assertThat(get(alice, run.id()).status()).isEqualTo(WorkflowRunStatus.CANCELLED);
    }

    @Test
    void run_workflowMissing_refusedNotFound() {
        assertThatThrownBy(() -> workflows.run(new RunWorkflowCommand(alice, conversation(alice),
                ManifestName.of("nothing-here"), Optional.empty(), NO_INPUTS)))
                .isInstanceOf(NotFoundException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow.not_found");
        assertThat(audit.all()).anyMatch(r -> r.action().equals("workflow.run") && r.decision() == AuditDecision.DENIED);
    }

    @Test
    void run_agentNotDeployed_refusedNamingTheAgentAndNothingStarted() {
        deploy(TenantScope.of(alice), ManifestFixtures.workflow());
        ConversationId conversation = conversation(alice);

        assertThatThrownBy(() -> workflows.run(new RunWorkflowCommand(alice, conversation,
                ManifestName.of("review-and-publish"), Optional.empty(), NO_INPUTS)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'writer'")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow.agent_missing");
        assertThat(executionStore.findActiveRoot(TenantScope.of(alice), conversation)).isEmpty();
    }

    @Test
    void run_audited_allowedRecordNamesTheWorkflow() {
        runReview(alice);

        assertThat(audit.all()).filteredOn(r -> r.action().equals("workflow.run"))
                .extracting(AuditRecord::target, AuditRecord::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Optional.of("review-and-publish"), AuditDecision.ALLOWED));
    }

    @Test
    void get_otherUsersRun_readsAsNotFound() {
        WorkflowRun run = runReview(alice);

        assertThatThrownBy(() -> get(bob, run.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workflows.signal(new SignalWorkflowRunCommand(bob, run.id(), Optional.empty(), json("{}"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void readonlyOperator_cannotRun() {
        Identity readonly = Identity.operator("op-ro", AegisRole.READONLY);
        deploy(TenantScope.SYSTEM, ManifestFixtures.workflow("solo", "1.0.0"));

        assertThatThrownBy(() -> workflows.run(new RunWorkflowCommand(readonly, ConversationId.of("conv-x"),
                ManifestName.of("solo"), Optional.empty(), NO_INPUTS)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void log_fullRun_transitionSentencesAndIterationSentencesInOrder() {
        WorkflowRun run = runReview(alice);
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);

        List<WorkflowRunLogEntry> log = workflows.log(new ListWorkflowRunLogQuery(alice, run.id()));

        List<String> sentences = log.stream().map(WorkflowRunLogEntry::sentence).toList();
        assertThat(sentences).contains("Moved from 'draft' to 'review'.",
                "Waiting for your input at 'review': Approve the draft?");
        assertThat(sentences.indexOf("Moved from 'draft' to 'review'."))
                .isLessThan(sentences.indexOf("Waiting for your input at 'review': Approve the draft?"));
        assertThat(log).anyMatch(e -> e.kind().equals("completed")
                && e.executionId().equals(run.stepExecutionId()));
        assertThat(log).extracting(WorkflowRunLogEntry::at).isSorted();
    }

    @Test
    void sweep_missedStepEvent_advancesTheRun() {
        WorkflowRun run = runReview(alice);
        observing = false;
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);
        assertThat(get(alice, run.id()).status()).isEqualTo(WorkflowRunStatus.RUNNING);

        int changed = workflows.sweep(new SweepWorkflowRunsCommand(100, 0));

        assertThat(changed).isEqualTo(1);
        assertThat(get(alice, run.id()).status()).isEqualTo(WorkflowRunStatus.WAITING);
        assertThat(workflows.sweep(new SweepWorkflowRunsCommand(100, 0))).isZero();
    }

    @Test
    void sweep_morePendingThanOnePage_laterPassesReachTheRest() {
        WorkflowRun first = runReview(alice);
        deployReviewWorkflow(bob);
        WorkflowRun second = workflows.run(new RunWorkflowCommand(bob, conversation(bob),
                ManifestName.of("review-and-publish"), Optional.empty(), NO_INPUTS));
        observing = false;
        finishStep(alice, first.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);
        finishStep(bob, second.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);

        workflows.sweep(new SweepWorkflowRunsCommand(1, 0));
        workflows.sweep(new SweepWorkflowRunsCommand(1, 0));

        assertThat(get(alice, first.id()).status()).isEqualTo(WorkflowRunStatus.WAITING);
        assertThat(get(bob, second.id()).status()).isEqualTo(WorkflowRunStatus.WAITING);
    }

    @Test
    void sweep_waitTimedOut_followsTimeoutTransition() {
        WorkflowRun run = runReview(alice);
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        workflows.sweep(new SweepWorkflowRunsCommand(100, 0));

        WorkflowRun failed = get(alice, run.id());
        assertThat(failed.status()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(failed.currentState()).isEqualTo("failed");
    }

    @Test
    void sweep_runLeftWithoutItsStep_startsTheStepButAdvanceLeavesItAlone() {
        deployReviewWorkflow(alice);
        ConversationId conversation = conversation(alice);
        // A crash between storing the run and starting its step leaves exactly this behind.
        Execution root = executions.start(new ai.aegis.application.port.in.StartRootExecutionCommand(alice, conversation));
        executions.report(new ReportIterationCommand(alice, root.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        WorkflowRun.Change started = WorkflowRun.start(root.id(), alice, conversation,
                (ai.aegis.domain.registry.WorkflowManifest) registry.findLatest(TenantScope.of(alice), ManifestKind.WORKFLOW,
                        ManifestName.of("review-and-publish")).orElseThrow().manifest(), NO_INPUTS, clock.now());
        runStore.insert(started.run(), started.events());

        assertThat(workflows.advance(new AdvanceWorkflowRunCommand(TenantScope.of(alice), root.id())).orElseThrow()
                .stepExecutionId()).isEmpty();
        workflows.sweep(new SweepWorkflowRunsCommand(100, 0));

        ExecutionId step = get(alice, root.id()).stepExecutionId().orElseThrow();
        assertThat(execution(alice, step).parentId()).contains(root.id());
    }

    @Test
    void advance_calledTwice_changesNothingMore() {
        WorkflowRun run = runReview(alice);
        finishStep(alice, run.stepExecutionId().orElseThrow(), ExecutionOutcome.COMPLETED);
        WorkflowRun waiting = get(alice, run.id());

        Optional<WorkflowRun> again = workflows.advance(new AdvanceWorkflowRunCommand(waiting.tenantId(), run.id()));

        assertThat(again).contains(waiting);
    }

    @Test
    void secondRun_sameConversationWhileFirstActive_refused() {
        WorkflowRun run = runReview(alice);
        ConversationId conversation = run.conversationId();

        assertThatThrownBy(() -> workflows.run(new RunWorkflowCommand(alice, conversation,
                ManifestName.of("review-and-publish"), Optional.empty(), NO_INPUTS)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("execution.root_active");
    }
}
