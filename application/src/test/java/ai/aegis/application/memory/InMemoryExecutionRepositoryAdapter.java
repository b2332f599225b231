package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.SealExecutionGrantPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.seal.SealExecutionGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Executions in a map. One lock serialises writes, which gives the atomic single-active-root check,
 * the atomic concurrency count, and the all-or-nothing, compare-then-write {@link #saveChanges} the
 * port promises. Members are indexed by root and children by parent, and active executions are
 * counted per owner as they change, so a cascade over a big swarm stays linear. Thread-safe.
 */
public final class InMemoryExecutionRepositoryAdapter implements ExecutionRepositoryPort, SealExecutionGrantPort {

    private record Owner(TenantId tenantId, String subject) {
    }

    private final Map<ExecutionId, Execution> byId = new LinkedHashMap<>();
    private final Map<ExecutionId, List<ExecutionId>> membersByRoot = new HashMap<>();
    private final Map<ExecutionId, List<ExecutionId>> childrenByParent = new HashMap<>();
    private final Map<Owner, Long> activeByOwner = new HashMap<>();

    @Override
    public synchronized void insertRoot(Execution root, CountLimit maxActive) {
        if (!root.isRoot()) {
            throw new IllegalArgumentException("insertRoot needs a root execution");
        }
        if (byId.containsKey(root.id())) {
            throw new AlreadyExistsException("execution.duplicate_id", "execution id " + root.id() + " is already in use");
        }
        if (root.isActive() && findActiveRoot(root.tenantId(), root.conversationId()).isPresent()) {
            throw new AlreadyExistsException("execution.root_active", "conversation " + root.conversationId()
                    + " already has an active execution");
        }
        requireRoom(List.of(root), maxActive);
        store(root);
    }

    @Override
    public synchronized Optional<Execution> findActiveRoot(TenantId tenantId, ConversationId conversationId) {
        return byId.values().stream()
                .filter(e -> e.isRoot() && e.isActive() && e.tenantId().equals(tenantId)
                        && e.conversationId().equals(conversationId))
                .findFirst();
    }

    @Override
    public synchronized Optional<ExecutionTree> loadTree(TenantId tenantId, ExecutionId memberId, int maxDepth) {
        Execution member = byId.get(memberId);
        if (member == null || !member.tenantId().equals(tenantId)) {
            return Optional.empty();
        }
        List<Execution> members = new ArrayList<>();
        for (ExecutionId id : membersByRoot.getOrDefault(member.rootId(), List.of())) {
            members.add(byId.get(id));
        }
        return Optional.of(ExecutionTree.of(members, maxDepth));
    }

    @Override
    public synchronized void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed,
            CountLimit maxActive) {
        Optional<ExecutionTree> stored = loadTree(tenantId, before.root().id(), before.maxDepth());
        if (stored.isEmpty() || !stored.get().equals(before)) {
            throw concurrentUpdate(before.root().id());
        }
        List<Execution> inserts = new ArrayList<>();
        for (Execution execution : changed) {
            if (!execution.tenantId().equals(tenantId) || !execution.rootId().equals(before.root().id())) {
                throw new IllegalArgumentException("execution " + execution.id() + " does not belong to this tree");
            }
            if (before.find(execution.id()).isEmpty()) {
                if (byId.containsKey(execution.id())) {
                    throw new AlreadyExistsException("execution.duplicate_id", "execution id " + execution.id()
                            + " is already in use");
                }
                inserts.add(execution);
            }
        }
        requireRoom(inserts, maxActive);
        List<Execution> ordered = new ArrayList<>(changed);
        ordered.sort(Comparator.comparingInt(Execution::depth));
        for (Execution execution : ordered) {
            store(execution);
        }
    }

    @Override
    public synchronized List<Transition> cancelSubtree(TenantId tenantId, ExecutionId id, Instant now) {
        Objects.requireNonNull(now, "now");
        Execution target = byId.get(id);
        if (target == null || !target.tenantId().equals(tenantId)) {
            throw new NotFoundException("execution.not_found", "execution " + id + " was not found");
        }
        List<Transition> changed = new ArrayList<>();
        if (target.isActive()) {
            changed.add(cancel(target, now));
        }
        changed.addAll(cancelDescendants(id, now));
        return changed;
    }

    @Override
    public synchronized void insertChild(TenantId tenantId, Execution parent, Execution child, CountLimit maxActive) {
        ExecutionRepositoryPort.requireNewChild(tenantId, parent, child);
        Execution stored = byId.get(parent.id());
        if (stored == null || !stored.tenantId().equals(tenantId) || !stored.equals(parent)) {
            throw concurrentUpdate(parent.rootId());
        }
        if (byId.containsKey(child.id())) {
            throw new AlreadyExistsException("execution.duplicate_id", "execution id " + child.id() + " is already in use");
        }
        requireRoom(List.of(child), maxActive);
        store(child);
    }

    @Override
    public synchronized void replaceActive(TenantId tenantId, Execution current, Execution changed) {
        ExecutionRepositoryPort.requireActiveSuccessor(tenantId, current, changed);
        Execution stored = byId.get(current.id());
        if (stored == null || !stored.tenantId().equals(tenantId) || !stored.equals(current)) {
            throw concurrentUpdate(current.rootId());
        }
        if (changed.status() != current.status()) {
            current.status().requireTransitionTo(changed.status(), current.id());
        }
        store(changed);
    }

    @Override
    public synchronized List<Transition> finishAndCancelDescendants(TenantId tenantId, Execution current, Execution ended) {
        if (!ended.id().equals(current.id()) || !ended.status().isTerminal() || !current.isActive()) {
            throw new IllegalArgumentException("execution " + current.id() + " must move from an active to a final status");
        }
        Execution stored = byId.get(current.id());
        if (stored == null || !stored.tenantId().equals(tenantId) || !stored.equals(current)) {
            throw concurrentUpdate(current.rootId());
        }
        List<Transition> changed = new ArrayList<>();
        store(ended);
        changed.add(new Transition(current.status(), ended));
        changed.addAll(cancelDescendants(ended.id(), ended.updatedAt()));
        return changed;
    }

    @Override
    public synchronized long countActive(TenantId tenantId) {
        long count = 0;
        for (Map.Entry<Owner, Long> entry : activeByOwner.entrySet()) {
            if (entry.getKey().tenantId().equals(tenantId)) {
                count += entry.getValue();
            }
        }
        return count;
    }

    @Override
    public synchronized List<Execution> findOverdue(Instant now, int limit) {
        return byId.values().stream()
                .filter(execution -> execution.isActive() && !execution.deadline().isAfter(now))
                .sorted(java.util.Comparator.comparing(Execution::deadline))
                .limit(limit)
                .toList();
    }

    /** Breadth-first below {@code id}, so the result is shallowest first like the database's. */
    private List<Transition> cancelDescendants(ExecutionId id, Instant now) {
        List<Transition> cancelled = new ArrayList<>();
        List<ExecutionId> frontier = List.of(id);
        while (!frontier.isEmpty()) {
            List<ExecutionId> next = new ArrayList<>();
            for (ExecutionId parent : frontier) {
                for (ExecutionId childId : childrenByParent.getOrDefault(parent, List.of())) {
                    Execution child = byId.get(childId);
                    if (child.isActive()) {
                        cancelled.add(cancel(child, now));
                    }
                    next.add(childId);
                }
            }
            frontier = next;
        }
        return cancelled;
    }

    private Transition cancel(Execution execution, Instant now) {
        Execution cancelled = execution.transitionTo(ExecutionStatus.CANCELLED, now);
        store(cancelled);
        return new Transition(execution.status(), cancelled);
    }

    private void requireRoom(List<Execution> inserts, CountLimit maxActive) {
        Map<Owner, Long> added = new HashMap<>();
        for (Execution execution : inserts) {
            if (execution.isActive()) {
                added.merge(ownerOf(execution), 1L, Long::sum);
            }
        }
        for (Map.Entry<Owner, Long> entry : added.entrySet()) {
            long active = activeByOwner.getOrDefault(entry.getKey(), 0L);
            if (!maxActive.allowsOneMore(active + entry.getValue() - 1)) {
                throw ExecutionRepositoryPort.concurrencyLimitReached(active, maxActive);
            }
        }
    }

    private void store(Execution execution) {
        Execution previous = byId.put(execution.id(), execution);
        if (previous == null) {
            membersByRoot.computeIfAbsent(execution.rootId(), key -> new ArrayList<>()).add(execution.id());
            execution.parentId().ifPresent(parent ->
                    childrenByParent.computeIfAbsent(parent, key -> new ArrayList<>()).add(execution.id()));
        }
        long delta = (execution.isActive() ? 1 : 0) - (previous != null && previous.isActive() ? 1 : 0);
        if (delta != 0) {
            activeByOwner.merge(ownerOf(execution), delta, Long::sum);
        }
    }

    private static Owner ownerOf(Execution execution) {
        return new Owner(execution.tenantId(), execution.ownerSubject());
    }

    private static PreconditionFailedException concurrentUpdate(ExecutionId rootId) {
        return new PreconditionFailedException("execution.concurrent_update", "the execution tree of " + rootId
                + " changed meanwhile; reload and try again");
    }

    @Override
    public synchronized Optional<SealExecutionGrant> findRunning(String executionId) {
        return byId.values().stream()
                .filter(execution -> execution.id().value().equals(executionId))
                .filter(execution -> execution.status() == ExecutionStatus.RUNNING)
                .findFirst()
                .map(SealExecutionGrant::forExecution);
    }

    @Override
    public synchronized List<Execution> list(TenantId tenantId, ExecutionListFilter filter, int limit) {
        return select(filter, limit, execution -> execution.tenantId().equals(tenantId));
    }

    @Override
    public synchronized List<Execution> listAcrossTenants(ExecutionListFilter filter, int limit) {
        return select(filter, limit, execution -> true);
    }

    @Override
    public synchronized Optional<Execution> find(TenantId tenantId, ExecutionId id) {
        return Optional.ofNullable(byId.get(id)).filter(execution -> execution.tenantId().equals(tenantId));
    }

    @Override
    public synchronized Optional<Execution> findInAnyTenant(ExecutionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    private List<Execution> select(ExecutionListFilter filter, int limit, java.util.function.Predicate<Execution> scope) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return byId.values().stream()
                .filter(scope)
                .filter(e -> filter.ownerSubject().map(e.ownerSubject()::equals).orElse(true))
                .filter(e -> filter.conversationId().map(e.conversationId()::equals).orElse(true))
                .filter(e -> filter.statuses().isEmpty() || filter.statuses().contains(e.status()))
                .filter(e -> !filter.rootsOnly() || e.isRoot())
                .sorted(java.util.Comparator.comparing(Execution::createdAt).thenComparing(e -> e.id().value()).reversed())
                .limit(limit)
                .toList();
    }

    /**
     * Removes the ended tree rooted at {@code rootId} (see
     * {@link ai.aegis.application.port.out.ExecutionRecordRemovalPort}) and answers the ids removed;
     * none when the tenant has no such root.
     */
    public synchronized List<ExecutionId> removeEndedTree(TenantId tenantId, ExecutionId rootId) {
        Execution root = byId.get(rootId);
        if (root == null || !root.tenantId().equals(tenantId) || !root.isRoot()) {
            return List.of();
        }
        List<ExecutionId> members = List.copyOf(membersByRoot.getOrDefault(rootId, List.of()));
        for (ExecutionId id : members) {
            if (byId.get(id).isActive()) {
                throw new ai.aegis.domain.error.PreconditionFailedException("execution.active", "execution " + id
                        + " of tree " + rootId + " is still " + byId.get(id).status() + "; cancel the tree or wait "
                        + "for it to end before removing its records");
            }
        }
        for (ExecutionId id : members) {
            byId.remove(id);
            childrenByParent.remove(id);
        }
        membersByRoot.remove(rootId);
        return members;
    }
}
