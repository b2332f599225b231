package ai.aegis.application.service;

import ai.aegis.application.port.in.CancelConversationCommand;
import ai.aegis.application.port.in.CancelConversationUseCase;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.CancelExecutionUseCase;
import ai.aegis.application.port.in.ExpireOverdueExecutionsCommand;
import ai.aegis.application.port.in.ExpireOverdueExecutionsUseCase;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionUseCase;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.ReportIterationUseCase;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.SpawnChildExecutionUseCase;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort.Transition;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.application.port.out.IdGeneratorPort;
import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.iteration.IterationHistory;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The execution-tree use cases. Every change is computed by the domain on a fresh read of what it
 * depends on (the one execution, its parent, or for a deadline sweep the whole tree) and saved
 * atomically if that is still as read; if another change won in between, the operation is
 * recomputed on a new read (up to {@value #ATTEMPTS} times). After a save, status changes and iteration sentences
 * are stored and published. Every refusal is audited before it propagates. All reads are scoped to
 * the caller's tenant, so another tenant's execution reads as not found.
 */
public final class ExecutionService implements StartRootExecutionUseCase, SpawnChildExecutionUseCase,
        ReportIterationUseCase, FinishExecutionUseCase, CancelExecutionUseCase, CancelConversationUseCase,
        ExpireOverdueExecutionsUseCase {

    static final int ATTEMPTS = 3;

    private final ConversationRepositoryPort conversations;
    private final ExecutionRepositoryPort executions;
    private final IterationEventRepositoryPort iterations;
    private final LimitOverridesPort overrides;
    private final ExecutionEventPublisherPort publisher;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final Auditor auditor;
    private final int maxDepth;
    private final Optional<ExecutionTaskPort> tasks;

    public ExecutionService(ConversationRepositoryPort conversations, ExecutionRepositoryPort executions,
            IterationEventRepositoryPort iterations, LimitOverridesPort overrides, ExecutionEventPublisherPort publisher,
            AuditLogPort auditLog, ClockPort clock, IdGeneratorPort ids, int maxDepth) {
        this(conversations, executions, iterations, overrides, publisher, auditLog, clock, ids,
                maxDepth, Optional.empty());
    }

    /**
     * With a task store: a root started with a task saves it in the same unit of work as the root, so a
     * node never claims a root whose task is missing.
     */
    public ExecutionService(ConversationRepositoryPort conversations, ExecutionRepositoryPort executions,
            IterationEventRepositoryPort iterations, LimitOverridesPort overrides, ExecutionEventPublisherPort publisher,
            AuditLogPort auditLog, ClockPort clock, IdGeneratorPort ids, int maxDepth,
            ExecutionTaskPort tasks) {
        this(conversations, executions, iterations, overrides, publisher, auditLog, clock, ids,
                maxDepth, Optional.of(Objects.requireNonNull(tasks, "tasks")));
    }

    private ExecutionService(ConversationRepositoryPort conversations, ExecutionRepositoryPort executions,
            IterationEventRepositoryPort iterations, LimitOverridesPort overrides, ExecutionEventPublisherPort publisher,
            AuditLogPort auditLog, ClockPort clock, IdGeneratorPort ids, int maxDepth,
            Optional<ExecutionTaskPort> tasks) {
        this.tasks = tasks;
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.iterations = Objects.requireNonNull(iterations, "iterations");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max depth cannot be negative");
        }
        this.maxDepth = maxDepth;
    }

    /** With the default depth cap ({@link ExecutionTree#DEFAULT_MAX_DEPTH}). */
    public ExecutionService(ConversationRepositoryPort conversations, ExecutionRepositoryPort executions,
            IterationEventRepositoryPort iterations, LimitOverridesPort overrides, ExecutionEventPublisherPort publisher,
            AuditLogPort auditLog, ClockPort clock, IdGeneratorPort ids) {
        this(conversations, executions, iterations, overrides, publisher, auditLog, clock, ids,
                ExecutionTree.DEFAULT_MAX_DEPTH);
    }

    @Override
    public Execution start(StartRootExecutionCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "execution.start_root", Optional.of(command.conversationId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            TenantId tenant = TenantScope.of(identity);
            Conversation conversation = ownedConversation(identity, command.conversationId());
            if (conversation.mode() == ConversationMode.CHAT) {
                throw new AccessDeniedException("mode.no_executions", "Chat mode shows no platform tools, so it cannot "
                        + "start agent executions; start a conversation in Agentic or Execute mode");
            }
            ResourceLimits limits = limitsOf(identity);
            Instant now = clock.now();
            NewRoot spec = new NewRoot(ids.newExecutionId(), tenant, identity.subject(), conversation.id(),
                    BuiltInContexts.AGENT_RUNTIME, now.plus(limits.executionTimeout()), limits.memoryBytesPerAgent(),
                    limits.maxIterations());
            ExecutionTree tree = ExecutionTree.startRoot(spec,
                    executions.findActiveRoot(tenant, conversation.id()), maxDepth, now);
            // Counted and inserted atomically, per owner: racing starts on any instance admit exactly the cap.
            executions.insertRoot(tree.root(), limits.maxConcurrentExecutions());
            command.task().ifPresent(task -> saveTask(tenant, tree.root().id(), task));
            if (!conversation.locked()) {
                conversations.update(conversation.recordFirstMessage());
            }
            publisher.statusChanged(ExecutionStatusChange.between(Optional.empty(), tree.root()));
            return tree.root();
        });
    }

    @Override
    public Execution spawn(SpawnChildExecutionCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "execution.spawn_child", Optional.of(command.parentId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            TenantId tenant = TenantScope.of(identity);
            CountLimit maxActive = limitsOf(identity).maxConcurrentExecutions();
            ExecutionId childId = ids.newExecutionId();
            Spawned spawned = spawnChild(tenant, command, maxActive, childId);
            Execution child = spawned.child();
            command.task().ifPresent(task -> saveTask(tenant, childId, task));
            publisher.statusChanged(ExecutionStatusChange.between(Optional.empty(), child));
            Execution parent = spawned.parent();
            emit(tenant, IterationEvent.of(parent.id(), IterationEventKind.CHILD_SPAWNED, parent.iterationCount(),
                    parent.maxIterations(), clock.now(), null));
            return child;
        });
    }

    private record Spawned(Execution parent, Execution child) {
    }

    /**
     * The child is checked against its parent alone (the ceiling rule and the depth cap need nothing
     * else of the tree) and stored if the parent has not changed meanwhile; recomputed on a fresh
     * read of the parent if it has.
     */
    private Spawned spawnChild(TenantId tenant, SpawnChildExecutionCommand command, CountLimit maxActive,
            ExecutionId childId) {
        return onFreshReads(() -> {
            Execution parent = find(tenant, command.parentId());
            Execution child = parent.spawnChild(maxDepth, command.securityContext().orElse(parent.securityContext()),
                    command.deadline().orElse(parent.deadline()), command.memoryBytes().orElse(parent.memoryBytes()),
                    command.maxIterations().orElse(parent.maxIterations()), clock.now(), childId);
            executions.insertChild(tenant, parent, child, maxActive);
            return new Spawned(parent, child);
        });
    }

    /**
     * Runs {@code attempt}, which reads afresh what it depends on, again while the repository refuses
     * its write as a concurrent update, at most {@value #ATTEMPTS} times in all.
     */
    private static <T> T onFreshReads(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (PreconditionFailedException conflict) {
                if (!conflict.code().equals("execution.concurrent_update") || n >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    private void saveTask(TenantId tenant, ExecutionId execution, TaskSpec task) {
        ExecutionTaskPort taskStore = tasks.orElseThrow(() -> new IllegalStateException(
                "this execution service was built without a task store, so it cannot keep an execution's task"));
        taskStore.save(tenant, execution, task);
    }

    @Override
    public IterationEvent report(ReportIterationCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "execution.report_iteration", Optional.of(command.executionId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            IterationEventKind kind = command.kind();
            if (kind.isFinal() || kind == IterationEventKind.CHILD_SPAWNED) {
                throw new InvalidInputException("iteration.kind_not_reportable", "an iteration report cannot say "
                        + kind.name().toLowerCase(Locale.ROOT)
                        + "; finish, cancel or spawn the execution instead, which tells the person itself");
            }
            TenantId tenant = TenantScope.of(identity);
            Execution current;
            if (kind == IterationEventKind.ATTEMPT_STARTED) {
                current = startAttempt(tenant, command.executionId());
            } else {
                current = find(tenant, command.executionId());
                if (current.status() != ExecutionStatus.RUNNING) {
                    throw new PreconditionFailedException("execution.not_running", "execution " + current.id() + " is "
                            + current.status().displayName() + ", so it cannot report progress");
                }
            }
            IterationEvent event = IterationEvent.of(current.id(), kind, current.iterationCount(), current.maxIterations(),
                    clock.now(), command.detail().orElse(null));
            emit(tenant, event);
            return event;
        });
    }

    /**
     * Counts another attempt of the execution, starting it first when it is still Pending. Only the
     * execution itself is read and written (compare and set, recomputed on a fresh read if another
     * change won), so an attempt in a 10,000-strong swarm costs what it costs for a lone root.
     */
    private Execution startAttempt(TenantId tenant, ExecutionId id) {
        Transition counted = onFreshReads(() -> {
            Execution before = find(tenant, id);
            Instant now = clock.now();
            Execution started = before.status() == ExecutionStatus.PENDING
                    ? before.transitionTo(ExecutionStatus.RUNNING, now) : before;
            Execution next = started.withNextIteration(now);
            executions.replaceActive(tenant, before, next);
            return new Transition(before.status(), next);
        });
        if (counted.from() != counted.to().status()) {
            publisher.statusChanged(counted.statusChange());
        }
        return counted.to();
    }

    @Override
    public List<Execution> finish(FinishExecutionCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "execution.finish", Optional.of(command.executionId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            TenantId tenant = TenantScope.of(identity);
            List<Transition> ended = finishWithDescendants(tenant, command.executionId(), command.outcome().status());
            // Kept only when a task store is wired: an output is a convenience for the person, never a reason
            // to refuse the node's report.
            command.output().ifPresent(output -> tasks.ifPresent(store -> store.saveOutput(tenant,
                    command.executionId(), output)));
            IterationEvent first = eventFor(ended.get(0), IterationEventKind.forOutcome(command.outcome()),
                    command.detail().orElse(null));
            publishEnded(tenant, ended, first);
            return executionsOf(ended);
        });
    }

    /**
     * Ends the execution and cancels its still-active descendants (the documented policy: no one
     * would collect their work) in one repository step; recomputed on a fresh read if another
     * change to the execution won in between.
     */
    private List<Transition> finishWithDescendants(TenantId tenant, ExecutionId id, ExecutionStatus outcome) {
        return onFreshReads(() -> {
            Execution current = find(tenant, id);
            return executions.finishAndCancelDescendants(tenant, current, current.transitionTo(outcome, clock.now()));
        });
    }

    @Override
    public List<Execution> cancel(CancelExecutionCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "execution.cancel", Optional.of(command.executionId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            return cascadeCancel(TenantScope.of(identity), command.executionId());
        });
    }

    @Override
    public List<Execution> cancel(CancelConversationCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "conversation.cancel", Optional.of(command.conversationId().value()), () -> {
            Auditor.requireMayChangeExecutions(identity);
            TenantId tenant = TenantScope.of(identity);
            Conversation conversation = ownedConversation(identity, command.conversationId());
            Optional<Execution> root = executions.findActiveRoot(tenant, conversation.id());
            if (root.isEmpty()) {
                return List.of();
            }
            return cascadeCancel(tenant, root.get().id());
        });
    }

    /** One repository statement cancels the whole active subtree; nothing of the tree is loaded. */
    private List<Execution> cascadeCancel(TenantId tenant, ExecutionId id) {
        List<Transition> cancelled = executions.cancelSubtree(tenant, id, clock.now());
        publishEnded(tenant, cancelled, null);
        return executionsOf(cancelled);
    }

    /**
     * What follows executions ending: one status change and one iteration event are published per
     * execution, in one batch each. Only {@code firstEvent}, when given (an outcome the node reported,
     * perhaps with a detail), is stored; every other ended execution's event is its final status read
     * back ({@link IterationHistory}), so a cascade of 10,000 stores no event rows. No token needs
     * revoking: an execution's SEAL token is honoured only while the execution runs.
     */
    private void publishEnded(TenantId tenant, List<Transition> ended, IterationEvent firstEvent) {
        if (ended.isEmpty()) {
            return;
        }
        List<ExecutionStatusChange> changes = new ArrayList<>(ended.size());
        List<IterationEvent> events = new ArrayList<>(ended.size());
        for (Transition transition : ended) {
            changes.add(transition.statusChange());
            events.add(events.isEmpty() && firstEvent != null ? firstEvent
                    : IterationHistory.finalEventOf(transition.to()));
        }
        if (firstEvent != null) {
            iterations.append(tenant, firstEvent);
        }
        publisher.executionsEnded(tenant, changes, events);
    }

    private IterationEvent eventFor(Transition transition, IterationEventKind kind, String detail) {
        Execution execution = transition.to();
        return IterationEvent.of(execution.id(), kind, execution.iterationCount(), execution.maxIterations(), clock.now(),
                detail);
    }

    private static List<Execution> executionsOf(List<Transition> transitions) {
        List<Execution> result = new ArrayList<>(transitions.size());
        for (Transition transition : transitions) {
            result.add(transition.to());
        }
        return result;
    }

    @Override
    public List<Execution> expire(ExpireOverdueExecutionsCommand command) {
        Instant now = clock.now();
        List<Execution> changed = new ArrayList<>();
        java.util.Set<ExecutionId> sweptRoots = new java.util.HashSet<>();
        for (Execution overdue : executions.findOverdue(now, command.limit())) {
            // One pass per tree: expireOverdue times out every overdue member of it at once.
            if (sweptRoots.add(overdue.rootId())) {
                Applied applied = mutate(overdue.tenantId(), overdue.rootId(), tree -> tree.expireOverdue(now));
                publishStatusChanges(applied);
                changed.addAll(applied.change().changed());
            }
        }
        return changed;
    }

    private record Applied(ExecutionTree before, TreeChange change) {
    }

    /** A change computed on the whole tree (deadline sweeps), stored if the tree has not changed meanwhile. */
    private Applied mutate(TenantId tenant, ExecutionId member, Function<ExecutionTree, TreeChange> operation) {
        return onFreshReads(() -> {
            ExecutionTree before = loadTree(tenant, member);
            TreeChange change = operation.apply(before);
            if (!change.isEmpty()) {
                executions.saveChanges(tenant, before, change.changed());
            }
            return new Applied(before, change);
        });
    }

    private ExecutionTree loadTree(TenantId tenant, ExecutionId id) {
        return executions.loadTree(tenant, id, maxDepth).orElseThrow(() -> notFound(id));
    }

    private Execution find(TenantId tenant, ExecutionId id) {
        return executions.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(ExecutionId id) {
        return new NotFoundException("execution.not_found", "execution " + id + " was not found");
    }

    private void publishStatusChanges(Applied applied) {
        for (Execution after : applied.change().changed()) {
            Optional<Execution> before = applied.before().find(after.id());
            if (before.isEmpty() || before.get().status() != after.status()) {
                publisher.statusChanged(ExecutionStatusChange.between(before, after));
            }
        }
    }

    private void emit(TenantId tenant, IterationEvent event) {
        iterations.append(tenant, event);
        publisher.iterationReported(tenant, event);
    }

    private Conversation ownedConversation(Identity identity, ConversationId id) {
        return conversations.find(TenantScope.of(identity), id)
                .filter(conversation -> conversation.isOwnedBy(identity))
                .orElseThrow(() -> new NotFoundException("conversation.not_found", "conversation " + id + " was not found"));
    }

    private ResourceLimits limitsOf(Identity identity) {
        TenantId tenant = TenantScope.of(identity);
        return ResourceLimits.resolve(identity, overrides.forTenant(tenant), overrides.forUser(tenant, identity.subject()));
    }
}
