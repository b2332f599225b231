package ai.aegis.domain.execution;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The swarm of one conversation's root execution: the root and every execution spawned beneath it.
 * The tree is immutable; every operation returns a {@link TreeChange} holding the new tree and
 * exactly the executions that changed, which a repository saves atomically.
 *
 * <p>Invariants it enforces:
 * <ol>
 *   <li><b>Single active root</b>: {@link #startRoot} refuses while the conversation has an active root.</li>
 *   <li><b>Subordination</b>: every execution shares the root's tenant, conversation and root id; depth is
 *       capped ({@link #DEFAULT_MAX_DEPTH} below the root by default); only an active parent spawns.</li>
 *   <li><b>Ceiling rule</b>: a child's context fits under its parent's
 *       ({@link SecurityContext#exceedsCeilingOf}), and its deadline, memory and iterations are at most
 *       its parent's. A broader request is refused with code {@code ceiling.<dimension>}, never narrowed.</li>
 *   <li><b>Cascade cancellation</b>: {@link #cancel} cancels the execution and every non-terminal descendant.
 *       Ending an execution any other way (complete, fail, time out) also cancels its still-active
 *       descendants, since no one would collect their work.</li>
 *   <li>Terminal executions never change.</li>
 * </ol>
 */
public final class ExecutionTree {

    /** How many levels of children below the root are allowed unless configured otherwise. */
    public static final int DEFAULT_MAX_DEPTH = 3;

    private final Map<ExecutionId, Execution> executions;
    private final Execution root;
    private final int maxDepth;
    /** Children by parent id, in tree order; built on first use so that operations stay linear. */
    private volatile Map<ExecutionId, List<Execution>> childIndex;

    private ExecutionTree(Map<ExecutionId, Execution> executions, int maxDepth) {
        this.executions = executions;
        this.maxDepth = maxDepth;
        Execution found = null;
        for (Execution execution : executions.values()) {
            if (execution.isRoot()) {
                found = execution;
            }
        }
        this.root = found;
    }

    /**
     * Starts the root execution of a conversation, Pending.
     *
     * @param activeRootOfConversation the conversation's current active root, if any
     * @throws AlreadyExistsException {@code execution.root_active} when the conversation already has an active root
     * @throws InvalidInputException when the deadline is not after {@code now}
     */
    public static ExecutionTree startRoot(NewRoot spec, Optional<Execution> activeRootOfConversation, int maxDepth,
            Instant now) {
        Objects.requireNonNull(spec, "spec");
        requireMaxDepth(maxDepth);
        if (activeRootOfConversation.isPresent() && activeRootOfConversation.get().isActive()) {
            throw new AlreadyExistsException("execution.root_active", "conversation " + spec.conversationId()
                    + " already has an active execution (" + activeRootOfConversation.get().id()
                    + "); cancel it or wait for it to finish before starting another");
        }
        if (!spec.deadline().isAfter(now)) {
            throw new InvalidInputException("execution.deadline_past", "the deadline of a new execution must be in the future");
        }
        Execution rootExecution = new Execution(spec.id(), spec.tenantId(), spec.ownerSubject(), spec.conversationId(),
                Optional.empty(), spec.id(), 0, ExecutionStatus.PENDING, spec.securityContext(), spec.deadline(),
                spec.memoryBytes(), spec.maxIterations(), 0, now, now);
        Map<ExecutionId, Execution> map = new LinkedHashMap<>();
        map.put(rootExecution.id(), rootExecution);
        return new ExecutionTree(map, maxDepth);
    }

    /** {@link #startRoot(NewRoot, Optional, int, Instant)} with the default depth cap. */
    public static ExecutionTree startRoot(NewRoot spec, Optional<Execution> activeRootOfConversation, Instant now) {
        return startRoot(spec, activeRootOfConversation, DEFAULT_MAX_DEPTH, now);
    }

    /**
     * Rebuilds a tree from stored executions (any order).
     *
     * @throws IllegalArgumentException when the executions do not form one tree obeying subordination
     */
    public static ExecutionTree of(Collection<Execution> stored, int maxDepth) {
        requireMaxDepth(maxDepth);
        List<Execution> roots = stored.stream().filter(Execution::isRoot).toList();
        if (roots.size() != 1) {
            throw new IllegalArgumentException("an execution tree needs exactly one root, found " + roots.size());
        }
        Execution rootExecution = roots.get(0);
        Map<ExecutionId, Execution> byId = new LinkedHashMap<>();
        for (Execution execution : stored) {
            if (byId.put(execution.id(), execution) != null) {
                throw new IllegalArgumentException("duplicate execution " + execution.id());
            }
        }
        // One pass to index children by parent, then a breadth-first walk: linear in the tree size.
        Map<ExecutionId, List<Execution>> childrenOf = new HashMap<>();
        for (Execution execution : stored) {
            if (execution.parentId().isPresent()) {
                childrenOf.computeIfAbsent(execution.parentId().get(), key -> new ArrayList<>()).add(execution);
            }
        }
        Map<ExecutionId, Execution> ordered = new LinkedHashMap<>();
        ordered.put(rootExecution.id(), rootExecution);
        List<Execution> frontier = List.of(rootExecution);
        while (!frontier.isEmpty()) {
            List<Execution> next = new ArrayList<>();
            for (Execution parent : frontier) {
                for (Execution candidate : childrenOf.getOrDefault(parent.id(), List.of())) {
                    requireSubordinate(candidate, parent, rootExecution);
                    ordered.put(candidate.id(), candidate);
                    next.add(candidate);
                }
            }
            frontier = next;
        }
        if (ordered.size() != byId.size()) {
            throw new IllegalArgumentException("some executions are not connected to root " + rootExecution.id());
        }
        return new ExecutionTree(ordered, maxDepth);
    }

    private static void requireSubordinate(Execution child, Execution parent, Execution rootExecution) {
        if (!child.rootId().equals(rootExecution.id()) || !child.tenantId().equals(rootExecution.tenantId())
                || !child.conversationId().equals(rootExecution.conversationId()) || child.depth() != parent.depth() + 1) {
            throw new IllegalArgumentException("execution " + child.id() + " is not subordinate to " + parent.id());
        }
    }

    private static void requireMaxDepth(int maxDepth) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max depth cannot be negative");
        }
    }

    /**
     * Spawns a Pending child of {@code parentId} with the requested context and budget.
     *
     * @throws NotFoundException {@code execution.not_found} when the parent is not in this tree
     * @throws AlreadyExistsException {@code execution.duplicate_id} when {@code newId} is taken
     * @throws PreconditionFailedException {@code execution.parent_not_active} when the parent has ended
     * @throws AccessDeniedException {@code subordination.depth} past the depth cap, or
     *     {@code ceiling.<dimension>} when the request is broader than the parent
     * @throws InvalidInputException when the deadline is not after {@code now} or the budget is not positive
     */
    public TreeChange spawnChild(ExecutionId parentId, SecurityContext requestedContext, Instant requestedDeadline,
            long requestedMemory, int requestedIterations, Instant now, ExecutionId newId) {
        Execution parent = get(parentId);
        if (executions.containsKey(newId)) {
            throw new AlreadyExistsException("execution.duplicate_id", "execution id " + newId + " is already in use");
        }
        Execution child = parent.spawnChild(maxDepth, requestedContext, requestedDeadline, requestedMemory,
                requestedIterations, now, newId);
        Map<ExecutionId, Execution> map = new LinkedHashMap<>(executions);
        map.put(newId, child);
        return new TreeChange(new ExecutionTree(map, maxDepth), List.of(child));
    }

    /** Pending → Running. */
    public TreeChange start(ExecutionId id, Instant now) {
        return replace(get(id).transitionTo(ExecutionStatus.RUNNING, now));
    }

    /** Running → Completed; still-active descendants are cancelled. */
    public TreeChange complete(ExecutionId id, Instant now) {
        return finish(id, ExecutionStatus.COMPLETED, now);
    }

    /** → Failed; still-active descendants are cancelled. */
    public TreeChange fail(ExecutionId id, Instant now) {
        return finish(id, ExecutionStatus.FAILED, now);
    }

    /** → TimedOut; still-active descendants are cancelled. */
    public TreeChange timeOut(ExecutionId id, Instant now) {
        return finish(id, ExecutionStatus.TIMED_OUT, now);
    }

    /**
     * Cascade cancellation: cancels {@code id} (if still active) and every non-terminal descendant.
     * Terminal executions are left alone; cancelling an already-ended execution only reaches its
     * still-active descendants. The change lists exactly the executions cancelled.
     */
    public TreeChange cancel(ExecutionId id, Instant now) {
        Execution target = get(id);
        List<Execution> changed = new ArrayList<>();
        if (target.isActive()) {
            changed.add(target.transitionTo(ExecutionStatus.CANCELLED, now));
        }
        changed.addAll(cancelDescendants(id, now));
        return apply(changed);
    }

    /** Times out every active execution whose deadline is at or before {@code now} (with cascade). */
    public TreeChange expireOverdue(Instant now) {
        ExecutionTree current = this;
        List<Execution> changed = new ArrayList<>();
        for (Execution execution : executions.values()) {
            Execution latest = current.get(execution.id());
            if (latest.isActive() && !latest.deadline().isAfter(now)) {
                TreeChange change = current.timeOut(latest.id(), now);
                current = change.tree();
                changed.addAll(change.changed());
            }
        }
        return new TreeChange(current, changed);
    }

    /**
     * Records the start of another iteration of a Running execution.
     *
     * @throws LimitExceededException {@code execution.iterations_exhausted} past the iteration cap
     */
    public TreeChange recordIteration(ExecutionId id, Instant now) {
        return replace(get(id).withNextIteration(now));
    }

    private TreeChange finish(ExecutionId id, ExecutionStatus outcome, Instant now) {
        Execution target = get(id).transitionTo(outcome, now);
        List<Execution> changed = new ArrayList<>();
        changed.add(target);
        changed.addAll(cancelDescendants(id, now));
        return apply(changed);
    }

    private List<Execution> cancelDescendants(ExecutionId id, Instant now) {
        List<Execution> cancelled = new ArrayList<>();
        for (Execution descendant : descendants(id)) {
            if (descendant.isActive()) {
                cancelled.add(descendant.transitionTo(ExecutionStatus.CANCELLED, now));
            }
        }
        return cancelled;
    }

    private TreeChange replace(Execution updated) {
        return apply(List.of(updated));
    }

    private TreeChange apply(List<Execution> changed) {
        Map<ExecutionId, Execution> map = new LinkedHashMap<>(executions);
        for (Execution execution : changed) {
            map.put(execution.id(), execution);
        }
        return new TreeChange(new ExecutionTree(map, maxDepth), changed);
    }

    /** The root execution. */
    public Execution root() {
        return root;
    }

    public TenantId tenantId() {
        return root.tenantId();
    }

    public ConversationId conversationId() {
        return root.conversationId();
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** The execution with that id, if it belongs to this tree. */
    public Optional<Execution> find(ExecutionId id) {
        return Optional.ofNullable(executions.get(id));
    }

    /**
     * The execution with that id.
     *
     * @throws NotFoundException {@code execution.not_found} when it is not in this tree
     */
    public Execution get(ExecutionId id) {
        Execution execution = executions.get(id);
        if (execution == null) {
            throw new NotFoundException("execution.not_found", "execution " + id + " was not found");
        }
        return execution;
    }

    /** Every execution, parents before children. */
    public List<Execution> executions() {
        return List.copyOf(executions.values());
    }

    /** The direct children of {@code id}. */
    public List<Execution> children(ExecutionId id) {
        return List.copyOf(childIndex().getOrDefault(id, List.of()));
    }

    /** Every execution below {@code id}, parents before children. */
    public List<Execution> descendants(ExecutionId id) {
        Map<ExecutionId, List<Execution>> index = childIndex();
        List<Execution> result = new ArrayList<>();
        List<ExecutionId> frontier = List.of(id);
        while (!frontier.isEmpty()) {
            List<ExecutionId> next = new ArrayList<>();
            for (ExecutionId parent : frontier) {
                for (Execution child : index.getOrDefault(parent, List.of())) {
                    result.add(child);
                    next.add(child.id());
                }
            }
            frontier = next;
        }
        return result;
    }

    private Map<ExecutionId, List<Execution>> childIndex() {
        Map<ExecutionId, List<Execution>> index = childIndex;
        if (index == null) {
            index = new HashMap<>();
            for (Execution execution : executions.values()) {
                if (execution.parentId().isPresent()) {
                    index.computeIfAbsent(execution.parentId().get(), key -> new ArrayList<>()).add(execution);
                }
            }
            childIndex = index;
        }
        return index;
    }

    /** How many executions of this swarm are active (Pending or Running). */
    public int activeCount() {
        int count = 0;
        for (Execution execution : executions.values()) {
            if (execution.isActive()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExecutionTree that && maxDepth == that.maxDepth && executions.equals(that.executions);
    }

    @Override
    public int hashCode() {
        return executions.hashCode();
    }

    @Override
    public String toString() {
        return "ExecutionTree[root=" + root.id() + ", size=" + executions.size() + ", active=" + activeCount() + "]";
    }
}
