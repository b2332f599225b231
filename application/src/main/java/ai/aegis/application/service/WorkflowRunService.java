package ai.aegis.application.service;

import ai.aegis.application.port.in.AdvanceWorkflowRunCommand;
import ai.aegis.application.port.in.AdvanceWorkflowRunUseCase;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.CancelExecutionUseCase;
import ai.aegis.application.port.in.CancelWorkflowRunCommand;
import ai.aegis.application.port.in.CancelWorkflowRunUseCase;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionUseCase;
import ai.aegis.application.port.in.GetWorkflowRunQuery;
import ai.aegis.application.port.in.GetWorkflowRunUseCase;
import ai.aegis.application.port.in.GetWorkflowStepQuery;
import ai.aegis.application.port.in.GetWorkflowStepUseCase;
import ai.aegis.application.port.in.ListIterationEventsQuery;
import ai.aegis.application.port.in.ListIterationEventsUseCase;
import ai.aegis.application.port.in.ListWorkflowRunLogQuery;
import ai.aegis.application.port.in.ListWorkflowRunLogUseCase;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.ReportIterationUseCase;
import ai.aegis.application.port.in.RunWorkflowCommand;
import ai.aegis.application.port.in.RunWorkflowUseCase;
import ai.aegis.application.port.in.SignalWorkflowRunCommand;
import ai.aegis.application.port.in.SignalWorkflowRunUseCase;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.SpawnChildExecutionUseCase;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionUseCase;
import ai.aegis.application.port.in.SweepWorkflowRunsCommand;
import ai.aegis.application.port.in.SweepWorkflowRunsUseCase;
import ai.aegis.application.port.in.WorkflowRunLogEntry;
import ai.aegis.application.port.in.WorkflowStep;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.ManifestRegistryPort;
import ai.aegis.application.port.out.WorkflowRunRepositoryPort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.registry.AgentManifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.StoredManifest;
import ai.aegis.domain.registry.WorkflowManifest;
import ai.aegis.domain.registry.WorkflowState;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Workflow runs as execution trees. A run is a root execution (started and set Running at once,
 * so no node takes the root itself as work); each agent state spawns one child execution under it
 * for a node to run; a human-input state leaves the run Waiting until a signal. The run itself —
 * state, status, current step, the workflow version it runs and its own sentences — is kept
 * through {@link WorkflowRunRepositoryPort}, so it survives restarts.
 *
 * <p>How a run moves on when a step ends: whoever learns of an execution status change calls
 * {@link #observe(ExecutionStatusChange)} ({@code aegis serve} feeds it from the PostgreSQL
 * LISTEN/NOTIFY listener, so every instance hears every change), and a periodic
 * {@link #sweep(SweepWorkflowRunsCommand)} catches anything missed (a restart between the step
 * ending and the run moving on, a lost notification, an expired wait). Advancing reads the
 * executions and is idempotent; each change is stored over the revision it was computed from, so
 * when two instances race only one wins and the other re-reads.
 *
 * <p>Runs, signals and cancellations are audited ({@code workflow.run}, {@code workflow.signal},
 * {@code workflow.cancel}); the executions they start, spawn, finish or cancel are audited by the
 * execution use cases as the run's owner.
 */
public final class WorkflowRunService implements RunWorkflowUseCase, SignalWorkflowRunUseCase, GetWorkflowRunUseCase,
        CancelWorkflowRunUseCase, ListWorkflowRunLogUseCase, AdvanceWorkflowRunUseCase, SweepWorkflowRunsUseCase,
        GetWorkflowStepUseCase {

    static final int ATTEMPTS = 3;

    private final WorkflowRunRepositoryPort runs;
    private final ManifestRegistryPort registry;
    private final ExecutionRepositoryPort executionStore;
    private final StartRootExecutionUseCase startRoot;
    private final ReportIterationUseCase report;
    private final SpawnChildExecutionUseCase spawn;
    private final FinishExecutionUseCase finish;
    private final CancelExecutionUseCase cancelExecution;
    private final ListIterationEventsUseCase iterations;
    private final ClockPort clock;
    private final Auditor auditor;
    /** Where the next sweep pass starts: passes walk every unfinished run, a page at a time, then start over. */
    private final java.util.concurrent.atomic.AtomicReference<Optional<WorkflowRunRepositoryPort.SweepPosition>> sweepFrom =
            new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());

    /** {@code executions} is the {@link ExecutionService} (it implements every execution use case used here). */
    public WorkflowRunService(WorkflowRunRepositoryPort runs, ManifestRegistryPort registry,
            ExecutionRepositoryPort executionStore, ExecutionService executions, ListIterationEventsUseCase iterations,
            AuditLogPort auditLog, ClockPort clock) {
        this(runs, registry, executionStore, executions, executions, executions, executions, executions, iterations,
                auditLog, clock);
    }

    public WorkflowRunService(WorkflowRunRepositoryPort runs, ManifestRegistryPort registry,
            ExecutionRepositoryPort executionStore, StartRootExecutionUseCase startRoot, ReportIterationUseCase report,
            SpawnChildExecutionUseCase spawn, FinishExecutionUseCase finish, CancelExecutionUseCase cancelExecution,
            ListIterationEventsUseCase iterations, AuditLogPort auditLog, ClockPort clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.executionStore = Objects.requireNonNull(executionStore, "executionStore");
        this.startRoot = Objects.requireNonNull(startRoot, "startRoot");
        this.report = Objects.requireNonNull(report, "report");
        this.spawn = Objects.requireNonNull(spawn, "spawn");
        this.finish = Objects.requireNonNull(finish, "finish");
        this.cancelExecution = Objects.requireNonNull(cancelExecution, "cancelExecution");
        this.iterations = Objects.requireNonNull(iterations, "iterations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    @Override
    public WorkflowRun run(RunWorkflowCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "workflow.run", Optional.of(command.name().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            TenantId tenant = TenantScope.of(identity);
            WorkflowManifest workflow = workflowOf(tenant, command);
            requireAgentsDeployed(tenant, workflow);
            Execution root = startRoot.start(new StartRootExecutionCommand(identity, command.conversationId()));
            // Running at once: only Pending executions are claimed by nodes, and the root is no node's work.
            report.report(new ReportIterationCommand(identity, root.id(), IterationEventKind.ATTEMPT_STARTED,
                    Optional.empty()));
            WorkflowRun.Change started = WorkflowRun.start(root.id(), identity, command.conversationId(), workflow,
                    command.inputs(), clock.now());
            runs.insert(started.run(), started.events());
            return followUp(started.run());
        });
    }

    @Override
    public WorkflowRun signal(SignalWorkflowRunCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "workflow.signal", Optional.of(command.runId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            for (int attempt = 1; ; attempt++) {
                WorkflowRun run = owned(identity, command.runId());
                WorkflowRun.Change signalled = run.signal(command.state(), command.data(), clock.now());
                try {
                    runs.update(signalled.run(), signalled.events());
                } catch (PreconditionFailedException conflict) {
                    if (retry(conflict, attempt)) {
                        continue;
                    }
                    throw conflict;
                }
                return followUp(signalled.run());
            }
        });
    }

    @Override
    public WorkflowRun get(GetWorkflowRunQuery query) {
        return owned(query.identity(), query.runId());
    }

    @Override
    public WorkflowRun cancel(CancelWorkflowRunCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "workflow.cancel", Optional.of(command.runId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            for (int attempt = 1; ; attempt++) {
                WorkflowRun run = owned(identity, command.runId());
                WorkflowRun.Change cancelled = run.cancel(clock.now());
                try {
                    runs.update(cancelled.run(), cancelled.events());
                } catch (PreconditionFailedException conflict) {
                    if (retry(conflict, attempt)) {
                        continue;
                    }
                    throw conflict;
                }
                cancelExecution.cancel(new CancelExecutionCommand(identity, run.id()));
                return cancelled.run();
            }
        });
    }

    /**
     * The task a node runs for the run's current agent state: the agent's instructions, code, runtime
     * and checks (its pinned version, else the latest, in the run's tenant), the state's input, and the
     * run's data ({@code {"inputs": …, "signals": …}}) on standard input. Empty when the agent is gone,
     * which a node then reports as a step without a task.
     */
    private Optional<TaskSpec> stepTask(WorkflowRun run) {
        WorkflowState.AgentStep state = (WorkflowState.AgentStep) run.state();
        Optional<StoredManifest> stored = state.agentVersion().isPresent()
                ? registry.find(run.tenantId(), ManifestKind.AGENT, state.agent(), state.agentVersion().get())
                : registry.findLatest(run.tenantId(), ManifestKind.AGENT, state.agent());
        if (stored.isEmpty() || !(stored.get().manifest() instanceof AgentManifest agent)) {
            return Optional.empty();
        }
        String request = state.input().map(input -> "This step: " + input + "\n\n").orElse("")
                + "The workflow's data (its inputs and the answers people gave) is a JSON object on standard input.";
        String data = "{\"inputs\":" + CanonicalJson.serialize(run.inputs()) + ",\"signals\":"
                + CanonicalJson.serialize(run.signals()) + "}";
        return Optional.of(agent.task(request, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(data)));
    }

    @Override
    public Optional<WorkflowStep> step(GetWorkflowStepQuery query) {
        return runs.findByStep(query.tenantId(), query.executionId())
                .filter(run -> run.status() == ai.aegis.domain.workflow.WorkflowRunStatus.RUNNING)
                .map(run -> {
                    WorkflowState.AgentStep agent = (WorkflowState.AgentStep) run.state();
                    return new WorkflowStep(run.id(), query.executionId(), run.currentState(), agent.agent(),
                            agent.agentVersion(), agent.input(), run.inputs(), run.signals());
                });
    }

    @Override
    public List<WorkflowRunLogEntry> log(ListWorkflowRunLogQuery query) {
        WorkflowRun run = owned(query.identity(), query.runId());
        List<WorkflowRunLogEntry> entries = new ArrayList<>();
        for (WorkflowRunEvent event : runs.events(run.tenantId(), run.id())) {
            entries.add(new WorkflowRunLogEntry(event.at(), WorkflowRunLogEntry.WORKFLOW_KIND, Optional.empty(),
                    event.sentence()));
        }
        for (IterationEvent event : iterations.list(new ListIterationEventsQuery(query.identity(), run.id(), true))) {
            entries.add(new WorkflowRunLogEntry(event.at(), event.kind().name().toLowerCase(Locale.ROOT),
                    Optional.of(event.executionId()), event.sentence()));
        }
        // Stable: sentences written at the same instant keep their order, the run's own first.
        entries.sort(Comparator.comparing(WorkflowRunLogEntry::at));
        return entries;
    }

    /**
     * Advances the run an execution status change may concern. Never throws a refusal: a run that
     * cannot move on now (storage down, a race lost three times) is left for the sweep.
     *
     * @return the run after advancing, when the change concerned one and it could be advanced
     */
    public Optional<WorkflowRun> observe(ExecutionStatusChange change) {
        if (!change.to().isTerminal()) {
            return Optional.empty();
        }
        try {
            return advance(AdvanceWorkflowRunCommand.concerning(change));
        } catch (ai.aegis.domain.error.DomainException later) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<WorkflowRun> advance(AdvanceWorkflowRunCommand command) {
        return advance(command, false);
    }

    /**
     * @param startMissingStep whether to start the step of a run that entered an agent state but
     *        has no step execution: only the sweep does, for runs quiet long enough that no
     *        instance is still about to start it (a crash between the two writes leaves such a run)
     */
    private Optional<WorkflowRun> advance(AdvanceWorkflowRunCommand command, boolean startMissingStep) {
        for (int attempt = 1; ; attempt++) {
            Optional<WorkflowRun> found = runs.find(command.tenantId(), command.runId());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(advance(found.get(), startMissingStep));
            } catch (PreconditionFailedException conflict) {
                if (!retry(conflict, attempt)) {
                    throw conflict;
                }
            }
        }
    }

    @Override
    public int sweep(SweepWorkflowRunsCommand command) {
        int changed = 0;
        Instant quietSince = clock.now().minusSeconds(command.quietSeconds());
        List<WorkflowRun> page = runs.unfinished(quietSince, sweepFrom.get(), command.limit());
        sweepFrom.set(page.size() < command.limit() ? Optional.empty()
                : Optional.of(WorkflowRunRepositoryPort.SweepPosition.of(page.get(page.size() - 1))));
        for (WorkflowRun run : page) {
            try {
                Optional<WorkflowRun> after = advance(new AdvanceWorkflowRunCommand(run.tenantId(), run.id()), true);
                if (after.isPresent() && after.get().revision() != run.revision()) {
                    changed++;
                }
            } catch (ai.aegis.domain.error.DomainException retriedNextSweep) {
                // One run that cannot move on now must not stop the others; the next sweep tries again.
                continue;
            }
        }
        return changed;
    }

    private WorkflowRun advance(WorkflowRun run, boolean startMissingStep) {
        Optional<ExecutionTree> tree = executionStore.loadTree(run.tenantId(), run.id(), ExecutionTree.DEFAULT_MAX_DEPTH);
        if (tree.isEmpty()) {
            return run;
        }
        Execution root = tree.get().root();
        if (run.isTerminal()) {
            endRoot(run, root);
            return run;
        }
        if (root.isTerminal()) {
            Optional<WorkflowRun.Change> ended = run.rootEnded(root.status(), clock.now());
            if (ended.isPresent()) {
                runs.update(ended.get().run(), ended.get().events());
                return ended.get().run();
            }
            return run;
        }
        if (run.needsStep()) {
            return startMissingStep ? followUp(run) : run;
        }
        Instant now = clock.now();
        if (run.stepExecutionId().isPresent()) {
            Optional<Execution> step = tree.get().find(run.stepExecutionId().get());
            if (step.isPresent() && step.get().isTerminal()) {
                WorkflowRun.Change moved = run.afterStep(step.get().status(), now);
                runs.update(moved.run(), moved.events());
                return followUp(moved.run());
            }
        } else if (run.waitExpired(now)) {
            WorkflowRun.Change timedOut = run.timeOut(now);
            runs.update(timedOut.run(), timedOut.events());
            return followUp(timedOut.run());
        }
        return run;
    }

    /**
     * What a stored run needs next: a new agent state gets its step execution (and the run records
     * it), a finished run ends its root execution. Runs as the run's owner.
     */
    private WorkflowRun followUp(WorkflowRun run) {
        if (run.needsStep()) {
            SpawnChildExecutionCommand step = SpawnChildExecutionCommand.inheriting(run.owner(), run.id());
            Optional<TaskSpec> task = stepTask(run);
            Execution child = spawn.spawn(task.isPresent() ? step.withTask(task.get()) : step);
            WorkflowRun.Change stepped = run.withStep(child.id(), clock.now());
            try {
                runs.update(stepped.run(), stepped.events());
            } catch (PreconditionFailedException lostRace) {
                // Another instance moved the run on first (and started its own step): this child is no one's work.
                cancelExecution.cancel(new CancelExecutionCommand(run.owner(), child.id()));
                throw lostRace;
            }
            return stepped.run();
        }
        if (run.isTerminal()) {
            executionStore.loadTree(run.tenantId(), run.id(), ExecutionTree.DEFAULT_MAX_DEPTH).ifPresent(tree -> endRoot(run, tree.root()));
        }
        return run;
    }

    /** Ends the root execution of a finished run the way the run ended, unless it already ended. */
    private void endRoot(WorkflowRun run, Execution root) {
        if (root.isTerminal()) {
            return;
        }
        try {
            if (run.status() == ai.aegis.domain.workflow.WorkflowRunStatus.CANCELLED) {
                cancelExecution.cancel(new CancelExecutionCommand(run.owner(), root.id()));
            } else {
                ExecutionOutcome outcome = run.status() == ai.aegis.domain.workflow.WorkflowRunStatus.SUCCEEDED
                        ? ExecutionOutcome.COMPLETED : ExecutionOutcome.FAILED;
                finish.finish(new FinishExecutionCommand(run.owner(), root.id(), outcome,
                        Optional.of("workflow " + run.status().slug() + " at " + run.currentState())));
            }
        } catch (PreconditionFailedException alreadyEnded) {
            if (!alreadyEnded.code().equals("execution.illegal_transition")) {
                throw alreadyEnded;
            }
        }
    }

    private WorkflowManifest workflowOf(TenantId tenant, RunWorkflowCommand command) {
        Optional<StoredManifest> stored = command.version().isPresent()
                ? registry.find(tenant, ManifestKind.WORKFLOW, command.name(), command.version().get())
                : registry.findLatest(tenant, ManifestKind.WORKFLOW, command.name());
        return (WorkflowManifest) stored.orElseThrow(() -> new NotFoundException("workflow.not_found", "workflow '"
                + command.name() + "'" + command.version().map(v -> " version " + v).orElse("")
                + " is not in your registry; list yours with aegis.workflow.list")).manifest();
    }

    private void requireAgentsDeployed(TenantId tenant, WorkflowManifest workflow) {
        for (WorkflowState state : workflow.states().values()) {
            if (state instanceof WorkflowState.AgentStep step) {
                ManifestName agent = step.agent();
                Optional<StoredManifest> found = step.agentVersion().isPresent()
                        ? registry.find(tenant, ManifestKind.AGENT, agent, step.agentVersion().get())
                        : registry.findLatest(tenant, ManifestKind.AGENT, agent);
                if (found.isEmpty()) {
                    throw new NotFoundException("workflow.agent_missing", "workflow '" + workflow.name()
                            + "' runs agent '" + agent + "'" + step.agentVersion().map(v -> " version " + v).orElse("")
                            + ", which is not in your registry; deploy it first");
                }
            }
        }
    }

    /** The run, when the caller owns it (an operator of the same tenant may act on any run there). */
    private WorkflowRun owned(Identity identity, ExecutionId runId) {
        return runs.find(TenantScope.of(identity), runId)
                .filter(run -> identity instanceof Identity.Operator || run.owner().subject().equals(identity.subject()))
                .orElseThrow(() -> new NotFoundException("workflow_run.not_found", "workflow run " + runId
                        + " was not found; a run is named by the execution id aegis.workflow.run answered"));
    }

    private static boolean retry(PreconditionFailedException conflict, int attempt) {
        return conflict.code().equals("workflow_run.concurrent_update") && attempt < ATTEMPTS;
    }
}
