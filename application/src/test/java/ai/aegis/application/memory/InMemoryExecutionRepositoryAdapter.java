package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.SealExecutionGrantPort;
import ai.aegis.domain.seal.SealExecutionGrant;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions in a map. One lock serialises writes, which gives the atomic single-active-root check
 * and the all-or-nothing, compare-then-write {@link #saveChanges} the port promises. Thread-safe.
 */
public final class InMemoryExecutionRepositoryAdapter implements ExecutionRepositoryPort, SealExecutionGrantPort {

    private final Map<ExecutionId, Execution> byId = new LinkedHashMap<>();

    @Override
    public synchronized void insertRoot(Execution root) {
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
        byId.put(root.id(), root);
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
        for (Execution execution : byId.values()) {
            if (execution.rootId().equals(member.rootId())) {
                members.add(execution);
            }
        }
        return Optional.of(ExecutionTree.of(members, maxDepth));
    }

    @Override
    public synchronized void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed) {
        Optional<ExecutionTree> stored = loadTree(tenantId, before.root().id(), before.maxDepth());
        if (stored.isEmpty() || !stored.get().equals(before)) {
            throw new PreconditionFailedException("execution.concurrent_update", "the execution tree of "
                    + before.root().id() + " changed meanwhile; reload and try again");
        }
        for (Execution execution : changed) {
            if (!execution.tenantId().equals(tenantId) || !execution.rootId().equals(before.root().id())) {
                throw new IllegalArgumentException("execution " + execution.id() + " does not belong to this tree");
            }
            if (before.find(execution.id()).isEmpty() && byId.containsKey(execution.id())) {
                throw new AlreadyExistsException("execution.duplicate_id", "execution id " + execution.id() + " is already in use");
            }
        }
        for (Execution execution : changed) {
            byId.put(execution.id(), execution);
        }
    }

    @Override
    public synchronized long countActive(TenantId tenantId) {
        return byId.values().stream().filter(e -> e.isActive() && e.tenantId().equals(tenantId)).count();
    }

    @Override
    public synchronized List<Execution> findOverdue(Instant now, int limit) {
        return byId.values().stream()
                .filter(execution -> execution.isActive() && !execution.deadline().isAfter(now))
                .sorted(java.util.Comparator.comparing(Execution::deadline))
                .limit(limit)
                .toList();
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
}
